package io.aircheck.jobs.transcriber.speech;

/**
 * One recognized word, timed in microseconds from the start of the utterance it was heard in.
 *
 * @param confidence the engine's posterior probability, 0 to 1
 */
public record RecognizedWord(String text, long startUs, long endUs, double confidence) {
    public RecognizedWord {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a word has text");
        }
        if (startUs < 0 || endUs < startUs) {
            throw new IllegalArgumentException(
                    "word times out of order: " + startUs + ".." + endUs);
        }
    }

    public RecognizedWord shiftedBy(long offsetUs) {
        return new RecognizedWord(text, startUs + offsetUs, endUs + offsetUs, confidence);
    }
}
