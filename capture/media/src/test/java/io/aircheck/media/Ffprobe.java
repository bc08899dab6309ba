package io.aircheck.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ffprobe CLI (Debian package ffmpeg), for tests only: an independent check of written files.
 */
final class Ffprobe {

    private Ffprobe() {}

    /** Codec name, sample rate, channels and duration (s) of the first audio stream. */
    record Info(String codec, int sampleRate, int channels, double durationSeconds) {}

    static Info probe(Path file) throws IOException, InterruptedException {
        String out =
                run(
                        List.of(
                                "ffprobe",
                                "-v",
                                "error",
                                "-select_streams",
                                "a:0",
                                "-show_entries",
                                "stream=codec_name,sample_rate,channels:format=duration",
                                "-of",
                                "default=noprint_wrappers=1",
                                file.toString()));
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new Info(
                values.get("codec_name"),
                Integer.parseInt(values.getOrDefault("sample_rate", "0")),
                Integer.parseInt(values.getOrDefault("channels", "0")),
                Double.parseDouble(values.getOrDefault("duration", "NaN")));
    }

    /** Samples per channel the ffmpeg CLI decodes from {@code file} as mono s16 at {@code rate}. */
    static long decodedFrames(Path file, int rate) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-i",
                                file.toString(),
                                "-ac",
                                "1",
                                "-ar",
                                Integer.toString(rate),
                                "-f",
                                "s16le",
                                "-")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long bytes = process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ffmpeg could not decode " + file);
        }
        return bytes / 2;
    }

    /** Runs a command, returns its stdout; fails on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }
}
