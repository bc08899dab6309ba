package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.vosk.VoskDecoder;
import io.aircheck.jobs.transcriber.vosk.VoskSpeechRecognizer;
import java.io.Serializable;

/**
 * The transcriber's settings: the Vosk model folder (empty = the English model the build bundles),
 * how utterances are cut, and how the decoder searches (fast, accurate, or the model's own conf).
 */
public record TranscriberSettings(String modelDir, CutterSettings cutter, VoskDecoder decoder)
        implements Serializable {
    public TranscriberSettings {
        modelDir = modelDir == null ? "" : modelDir.trim();
        decoder = decoder == null ? VoskDecoder.DEFAULT : decoder;
    }

    public TranscriberSettings(String modelDir, CutterSettings cutter) {
        this(modelDir, cutter, VoskDecoder.DEFAULT);
    }

    /** The speech engine these settings name. */
    public SpeechRecognizer.Factory engine() {
        return VoskSpeechRecognizer.factory(modelDir, decoder);
    }
}
