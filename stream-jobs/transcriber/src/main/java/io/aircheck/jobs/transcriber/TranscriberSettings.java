package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.vosk.VoskSpeechRecognizer;
import java.io.Serializable;

/**
 * The transcriber's settings: the Vosk model folder (empty = the English model the build bundles)
 * and how utterances are cut.
 */
public record TranscriberSettings(String modelDir, CutterSettings cutter) implements Serializable {
    public TranscriberSettings {
        modelDir = modelDir == null ? "" : modelDir.trim();
    }

    /** The speech engine these settings name. */
    public SpeechRecognizer.Factory engine() {
        return VoskSpeechRecognizer.factory(modelDir);
    }
}
