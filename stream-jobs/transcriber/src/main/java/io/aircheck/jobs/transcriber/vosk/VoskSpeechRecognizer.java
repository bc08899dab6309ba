package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.RecognitionException;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * {@link SpeechRecognizer} on Vosk (Kaldi): the JVM's shared model, word times and confidences on,
 * and one Vosk recognizer reused from utterance to utterance.
 *
 * <p><b>Why one recognizer, and why that is safe.</b> The bundled model decodes on a graph that
 * Vosk composes on the fly from two parts ({@code HCLr.fst}, {@code Gr.fst}); a recognizer caches
 * the composed states it visited. A fresh recognizer per utterance starts cold and spent ~60 % of
 * its time composing; a reused one decodes speech ~2.5x faster. The cache is a pure function of the
 * model, so it changes speed, not results. Everything else is renewed for every utterance: after
 * {@code getFinalResult()} Vosk drops the feature pipeline (CMVN, i-vector adaptation) and the
 * decoder and builds new ones on the next audio, so no state of one utterance reaches the next.
 * With dither off (the decoder profiles set {@code --dither=0}) an utterance gets the same words,
 * times and confidences from a reused recognizer as from a fresh one, in any order; a restored job
 * (fresh recognizer) writes the same segments as the uninterrupted one ({@code
 * VoskSpeechRecognizerITCase}, {@code SpeechTranscriptionITCase}).
 *
 * <p><b>Times.</b> A reused recognizer times words from the first sample it was ever fed, printed
 * with six decimals. So that subtracting where an utterance started is exact, every round starts on
 * a multiple of {@value #ALIGN} samples (1/8 s, exact in binary and in six decimals): after an
 * utterance, the recognizer is fed the few samples of silence that reach the next multiple, as a
 * round of its own whose result is dropped. The recognizer is renewed after {@link #RENEW_AFTER}
 * samples, long before Vosk's float arithmetic on that start would lose precision.
 */
public final class VoskSpeechRecognizer implements SpeechRecognizer {
    /** Audio is fed in 200 ms pieces, as a live stream would be. */
    private static final int PIECE = SAMPLE_RATE / 5;

    /**
     * Seed of the dither: Gaussian noise of one sample step added to every utterance, as Kaldi's
     * own dither does (which the decoder profiles turn off: it is seeded from a global counter, so
     * the same utterance got different words from one recognition to the next). Digital silence
     * (gaps, espeak's pauses) otherwise drives the features to their floor, which threw the online
     * normalization off (+3 points of word error on the streaming espeak-ng set).
     */
    static final long DITHER_SEED = 0x5eed_d17e_4L;

    /** Rounds start on multiples of this many samples (1/8 s). */
    static final int ALIGN = SAMPLE_RATE / 8;

    /** Samples after which the recognizer is renewed (one hour of audio). */
    static final long RENEW_AFTER = 3_600L * SAMPLE_RATE;

    private final Model model;
    private final String engine;
    private Recognizer recognizer;

    /** Samples fed to {@link #recognizer} so far: where its next round starts. */
    private long fed;

    public VoskSpeechRecognizer(Path modelDir) throws RecognitionException {
        this(modelDir, "vosk/" + modelDir.getFileName());
    }

    VoskSpeechRecognizer(Path modelDir, String engine) throws RecognitionException {
        this.model = VoskModels.shared(modelDir);
        this.engine = engine;
    }

    /**
     * Opens the configured model, or the bundled English one when {@code modelDir} is empty, with
     * the default decoder ({@link VoskDecoder#DEFAULT}).
     */
    public static Factory factory(String modelDir) {
        return factory(modelDir, VoskDecoder.DEFAULT);
    }

    /** Opens the configured (or bundled) model with {@code decoder}'s search settings. */
    public static Factory factory(String modelDir, VoskDecoder decoder) {
        return () -> {
            Path model = VoskModelLocation.resolve(modelDir);
            return new VoskSpeechRecognizer(decoder.apply(model), "vosk/" + model.getFileName());
        };
    }

    @Override
    public Recognition recognize(short[] pcm) throws RecognitionException {
        if (pcm.length == 0) {
            return Recognition.NOTHING;
        }
        try {
            if (recognizer == null || fed >= RENEW_AFTER) {
                renew();
            }
            double roundStart = (double) fed / SAMPLE_RATE;
            List<RecognizedWord> words = new ArrayList<>();
            float[] piece = new float[PIECE];
            SplittableRandom dither = new SplittableRandom(DITHER_SEED);
            for (int at = 0; at < pcm.length; at += PIECE) {
                int n = Math.min(PIECE, pcm.length - at);
                for (int i = 0; i < n; i++) {
                    piece[i] = pcm[at + i] + (float) dither.nextGaussian();
                }
                if (recognizer.acceptWaveForm(piece, n)) {
                    words.addAll(VoskResults.words(recognizer.getResult(), roundStart));
                }
            }
            words.addAll(VoskResults.words(recognizer.getFinalResult(), roundStart));
            fed += pcm.length;
            alignNextRound();
            return new Recognition(words);
        } catch (java.io.IOException | RuntimeException e) {
            closeRecognizer();
            throw new RecognitionException("Vosk failed on an utterance: " + e, e);
        } catch (RecognitionException e) {
            closeRecognizer();
            throw e;
        }
    }

    private void renew() throws java.io.IOException {
        closeRecognizer();
        recognizer = new Recognizer(model, SAMPLE_RATE);
        recognizer.setWords(true);
        fed = 0;
    }

    /** Feeds the silence that makes the next round start on a multiple of {@link #ALIGN}. */
    private void alignNextRound() {
        int pad = (int) ((ALIGN - fed % ALIGN) % ALIGN);
        if (pad > 0) {
            recognizer.acceptWaveForm(new float[pad], pad);
            recognizer.getFinalResult();
            fed += pad;
        }
    }

    private void closeRecognizer() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
    }

    @Override
    public void close() {
        closeRecognizer();
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
