package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.RecognitionException;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * {@link SpeechRecognizer} on Vosk (Kaldi): the JVM's shared model, a fresh recognizer per
 * utterance (so no state leaks from one utterance into the next, and a restored job recognizes an
 * utterance exactly as an uninterrupted one), word times and confidences on.
 */
public final class VoskSpeechRecognizer implements SpeechRecognizer {
    /** Audio is fed in 200 ms pieces, as a live stream would be. */
    private static final int PIECE = SAMPLE_RATE / 5;

    private final Model model;
    private final String engine;

    public VoskSpeechRecognizer(Path modelDir) throws RecognitionException {
        this.model = VoskModels.shared(modelDir);
        this.engine = "vosk/" + modelDir.getFileName();
    }

    /** Opens the configured model, or the bundled English one when {@code modelDir} is empty. */
    public static Factory factory(String modelDir) {
        return () -> new VoskSpeechRecognizer(VoskModelLocation.resolve(modelDir));
    }

    @Override
    public Recognition recognize(short[] pcm) throws RecognitionException {
        if (pcm.length == 0) {
            return Recognition.NOTHING;
        }
        List<RecognizedWord> words = new ArrayList<>();
        try (Recognizer recognizer = new Recognizer(model, SAMPLE_RATE)) {
            recognizer.setWords(true);
            short[] piece = new short[PIECE];
            for (int at = 0; at < pcm.length; at += PIECE) {
                int n = Math.min(PIECE, pcm.length - at);
                System.arraycopy(pcm, at, piece, 0, n);
                if (recognizer.acceptWaveForm(piece, n)) {
                    words.addAll(VoskResults.words(recognizer.getResult(), 0));
                }
            }
            words.addAll(VoskResults.words(recognizer.getFinalResult(), 0));
        } catch (java.io.IOException | RuntimeException e) {
            throw new RecognitionException("Vosk failed on an utterance: " + e, e);
        }
        return new Recognition(words);
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String language() {
        return "en-US";
    }
}
