package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.jobs.transcriber.speech.RecognitionException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * The loaded Vosk models of this JVM, one per folder. Loading a model costs seconds and ~300 MB of
 * native memory, and a Vosk model is thread safe (recognizers are not), so every operator instance
 * of a task manager shares one; it stays loaded for the life of the JVM (a restarted job reuses
 * it).
 */
final class VoskModels {
    private static final Logger LOG = LoggerFactory.getLogger(VoskModels.class);
    private static final ConcurrentMap<Path, Model> LOADED = new ConcurrentHashMap<>();

    private VoskModels() {}

    static Model shared(Path dir) throws RecognitionException {
        Path key = dir.toAbsolutePath().normalize();
        Model model = LOADED.get(key);
        if (model != null) {
            return model;
        }
        synchronized (VoskModels.class) {
            model = LOADED.get(key);
            if (model == null) {
                model = load(key);
                LOADED.put(key, model);
            }
            return model;
        }
    }

    private static Model load(Path dir) throws RecognitionException {
        long started = System.nanoTime();
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            Model model = new Model(dir.toString());
            LOG.info(
                    "Vosk model {} loaded in {} ms",
                    dir,
                    (System.nanoTime() - started) / 1_000_000);
            return model;
        } catch (java.io.IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new RecognitionException("cannot load the Vosk model at " + dir + ": " + e, e);
        }
    }
}
