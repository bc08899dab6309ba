package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.config.Choice;
import io.aircheck.jobs.transcriber.speech.RecognitionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How Kaldi searches (AIRCHECK_TRANSCRIBER_DECODER). Vosk reads its decoder settings from a model
 * folder's {@code conf/model.conf} and {@code conf/mfcc.conf}, so a profile other than {@link
 * #MODEL} is a folder of its own in {@code java.io.tmpdir}: those two files with the profile's
 * settings, and links to the model's other parts (am/, graph/, ivector/, ...). Its name carries a
 * hash of its files, so a changed model or profile gets a new folder and concurrent JVMs agree.
 *
 * <p>Both tuned profiles turn Kaldi's dither off: it adds random noise to the samples (seeded from
 * a global counter), which made the same utterance come back with different words from one
 * recognition to the next. {@link VoskSpeechRecognizer} adds the same noise from a fixed seed
 * instead, so recognition is a function of the audio and a restored job writes the same segments.
 * Measured on the espeak-ng set, see the transcriber README.
 */
public enum VoskDecoder {
    /**
     * Narrower search (at most 1,000 active states, beam 8, lattice beam 1) and the acoustic model
     * run on 99-frame chunks (20 by default): ~1.9x faster than {@link #ACCURATE}, and as accurate
     * on the espeak-ng set.
     */
    FAST(
            Map.of(
                    "--max-active", "1000",
                    "--beam", "8.0",
                    "--lattice-beam", "1.0",
                    "--frames-per-chunk", "99")),
    /** The bundled model's own search (3,000 active states, beam 10, lattice beam 2). */
    ACCURATE(
            Map.of(
                    "--max-active", "3000",
                    "--beam", "10.0",
                    "--lattice-beam", "2.0")),
    /** The model folder's own conf/ as it is (dither included), e.g. for a tuned custom model. */
    MODEL(Map.of());

    /** What AIRCHECK_TRANSCRIBER_DECODER is when unset. */
    public static final VoskDecoder DEFAULT = FAST;

    private final Map<String, String> search;

    VoskDecoder(Map<String, String> search) {
        this.search = search;
    }

    /** {@code fast}, {@code accurate} or {@code model}, any case. */
    public static VoskDecoder parse(String name) {
        return Choice.parse(VoskDecoder.class, name, "decoder");
    }

    /** The model folder Vosk should load for {@code model} with this profile. */
    public Path apply(Path model) throws RecognitionException {
        return apply(model, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #apply(Path)}, the profile's folder made in {@code folders}. */
    Path apply(Path model, Path folders) throws RecognitionException {
        if (this == MODEL) {
            return model;
        }
        try {
            Map<String, String> confs = new LinkedHashMap<>();
            confs.put("model.conf", edit(read(model, "model.conf"), search));
            confs.put("mfcc.conf", edit(read(model, "mfcc.conf"), Map.of("--dither", "0")));
            Path target =
                    folders.resolve(
                            "aircheck-vosk-"
                                    + name().toLowerCase(Locale.ROOT)
                                    + "-"
                                    + hash(model, confs));
            if (Files.isDirectory(target.resolve("conf"))) {
                return target;
            }
            return build(model, confs, target);
        } catch (IOException e) {
            throw new RecognitionException(
                    "cannot prepare the " + this + " decoder for the Vosk model at " + model, e);
        }
    }

    /** {@code conf} with each of {@code settings} set (replaced where present, else appended). */
    static String edit(String conf, Map<String, String> settings) {
        List<String> lines = new ArrayList<>();
        for (String line : conf.split("\n")) {
            String key = line.strip().split("=", 2)[0];
            if (!line.isBlank() && !settings.containsKey(key)) {
                lines.add(line.strip());
            }
        }
        settings.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(e.getKey() + "=" + e.getValue()));
        return String.join("\n", lines) + "\n";
    }

    private static String read(Path model, String conf) throws IOException {
        Path file = model.resolve("conf").resolve(conf);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static Path build(Path model, Map<String, String> confs, Path target)
            throws IOException {
        Path staging =
                Files.createTempDirectory(target.getParent(), target.getFileName() + ".part-");
        try {
            try (Stream<Path> parts = Files.list(model)) {
                for (Path part : parts.toList()) {
                    if (!part.getFileName().toString().equals("conf")) {
                        Files.createSymbolicLink(
                                staging.resolve(part.getFileName().toString()),
                                part.toAbsolutePath());
                    }
                }
            }
            Path conf = Files.createDirectories(staging.resolve("conf"));
            Path modelConf = model.resolve("conf");
            if (Files.isDirectory(modelConf)) {
                try (Stream<Path> others = Files.list(modelConf)) {
                    for (Path other : others.toList()) {
                        Files.copy(other, conf.resolve(other.getFileName().toString()));
                    }
                }
            }
            for (Map.Entry<String, String> e : confs.entrySet()) {
                Files.writeString(
                        conf.resolve(e.getKey()),
                        e.getValue(),
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another JVM got there first
            } catch (IOException e) {
                if (!Files.isDirectory(target.resolve("conf"))) {
                    throw e;
                }
            }
            return target;
        } finally {
            if (Files.exists(staging)) {
                try (Stream<Path> walk = Files.walk(staging)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String hash(Path model, Map<String, String> confs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(
                    model.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : confs.entrySet()) {
                sha.update((e.getKey() + "\n" + e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
