package io.aircheck.jobs.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ffprobe and ffmpeg CLIs (Debian package ffmpeg): an independent judge of what was written.
 */
final class Ffmpeg {
    private Ffmpeg() {}

    /** ffprobe's view of the first audio stream, e.g. "codec_name=aac\nsample_rate=48000..." */
    static String probe(Path file) throws IOException, InterruptedException {
        return run(
                List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "a:0",
                        "-show_entries",
                        "stream=codec_name,sample_rate,channels:format=duration:stream_tags",
                        "-of",
                        "default=noprint_wrappers=1",
                        file.toString()));
    }

    /** Samples per channel the ffmpeg CLI decodes, as mono at 48 kHz. */
    static long decodedSamples(Path file) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-i",
                                file.toString(),
                                "-ac",
                                "1",
                                "-ar",
                                "48000",
                                "-f",
                                "s16le",
                                "-")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long bytes = p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not decode " + file);
        }
        return bytes / 2;
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }
}
