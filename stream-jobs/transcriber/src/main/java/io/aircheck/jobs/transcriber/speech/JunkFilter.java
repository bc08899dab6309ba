package io.aircheck.jobs.transcriber.speech;

/**
 * Decides whether a recognition is speech worth a transcript segment. Music, noise or a cough that
 * got past voice activity detection comes back from the engine as one or two words it was unsure of
 * ("yeah", "the"); real speech has at least one word the engine is sure of.
 */
public final class JunkFilter {
    /** At least one word this sure. */
    static final double MIN_BEST_CONFIDENCE = 0.75;

    /** And the words this sure on average. */
    static final double MIN_MEAN_CONFIDENCE = 0.5;

    private JunkFilter() {}

    public static boolean keeps(Recognition recognition) {
        if (recognition.isEmpty()) {
            return false;
        }
        double best = 0;
        double sum = 0;
        for (RecognizedWord word : recognition.words()) {
            best = Math.max(best, word.confidence());
            sum += word.confidence();
        }
        return best >= MIN_BEST_CONFIDENCE
                && sum / recognition.words().size() >= MIN_MEAN_CONFIDENCE;
    }
}
