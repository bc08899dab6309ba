package io.aircheck.jobs.transcriber.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A speaker's track for tests and the benchmark, synthesized with espeak-ng and sox (Debian
 * packages installed by infra/bin/setup): each line spoken by its voice, leading and trailing
 * silence trimmed, placed at its start time in a track of the room's length. So the test knows to
 * the sample when each line starts. Also the non-speech tracks (silence, noise, music) that must
 * produce no segment.
 *
 * @param speechStartSeconds where each line's speech really starts (its first non-silent sample)
 */
public record SpokenTrack(
        String participantId,
        List<SpokenLine> lines,
        short[] pcm,
        int sampleRate,
        List<Double> speechStartSeconds) {

    public String referenceText() {
        return String.join(" ", lines.stream().map(SpokenLine::text).toList());
    }

    public double seconds() {
        return (double) pcm.length / sampleRate;
    }

    /**
     * Seconds of sound: samples louder than 200 and the 100 ms after each (pauses between words
     * counted, longer pauses not).
     */
    public double speechSeconds() {
        double total = 0;
        int run = 0;
        for (short s : pcm) {
            run = Math.abs(s) > 200 ? 0 : run + 1;
            if (run < sampleRate / 10) {
                total++;
            }
        }
        return total / sampleRate;
    }

    /** The track's lines rendered at {@code rate} into a track {@code roomSeconds} long. */
    public static SpokenTrack speak(
            String participantId, List<SpokenLine> lines, double roomSeconds, int rate, Path work)
            throws IOException {
        short[] track = new short[(int) Math.round(roomSeconds * rate)];
        List<Double> starts = new ArrayList<>();
        int n = 0;
        for (SpokenLine line : lines) {
            short[] speech = synthesize(line, participantId + "-" + (n++), rate, work);
            int at = (int) Math.round(line.atSeconds() * rate);
            if (at + speech.length > track.length) {
                throw new IllegalArgumentException(
                        "line '" + line.text() + "' does not fit in " + roomSeconds + " s");
            }
            System.arraycopy(speech, 0, track, at, speech.length);
            starts.add(line.atSeconds());
        }
        return new SpokenTrack(participantId, List.copyOf(lines), track, rate, List.copyOf(starts));
    }

    /**
     * Someone talking without stopping: {@code texts} spoken one after the other by {@code voice},
     * {@code pauseSeconds} apart (a breath between sentences), from {@code startSeconds} into the
     * track to 0.5 s before its end.
     */
    public static SpokenTrack continuous(
            String participantId,
            List<String> texts,
            String voice,
            int wpm,
            double startSeconds,
            double pauseSeconds,
            int rate,
            Path work)
            throws IOException {
        List<short[]> spoken = new ArrayList<>();
        List<SpokenLine> lines = new ArrayList<>();
        double at = startSeconds;
        for (String text : texts) {
            SpokenLine line = new SpokenLine(text, voice, wpm, at);
            short[] speech = synthesize(line, participantId + "-" + lines.size(), rate, work);
            spoken.add(speech);
            lines.add(line);
            at += (double) speech.length / rate + pauseSeconds;
        }
        short[] track = new short[(int) Math.round((at - pauseSeconds + 0.5) * rate)];
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int from = (int) Math.round(lines.get(i).atSeconds() * rate);
            System.arraycopy(spoken.get(i), 0, track, from, spoken.get(i).length);
            starts.add(lines.get(i).atSeconds());
        }
        return new SpokenTrack(participantId, List.copyOf(lines), track, rate, List.copyOf(starts));
    }

    /** A line spoken by espeak-ng, leading and trailing silence trimmed, at {@code rate}. */
    private static short[] synthesize(SpokenLine line, String name, int rate, Path work)
            throws IOException {
        Path wav = work.resolve(name + ".wav");
        Path raw = work.resolve(name + ".raw");
        run(
                "espeak-ng",
                "-v",
                line.voice(),
                "-s",
                Integer.toString(line.wpm()),
                "-w",
                wav.toString(),
                line.text());
        // trim leading and trailing silence, then convert to the track's rate, mono s16le
        List<String> sox = new ArrayList<>(List.of("sox", wav.toString()));
        sox.addAll(rawMono(rate, raw));
        sox.addAll(
                List.of(
                        "silence", "1", "0.01", "0.3%", "reverse", "silence", "1", "0.01", "0.3%",
                        "reverse"));
        run(sox.toArray(String[]::new));
        return read(raw);
    }

    /** A track with no speech: sox's {@code synth} arguments, e.g. "pinknoise" or "sine 440". */
    public static SpokenTrack synth(
            String participantId, double roomSeconds, int rate, Path work, String... synth)
            throws IOException {
        Path raw = work.resolve(participantId + ".raw");
        List<String> command = new ArrayList<>(List.of("sox", "-n"));
        command.addAll(rawMono(rate, raw));
        command.addAll(List.of(synth));
        run(command.toArray(String[]::new));
        short[] pcm = read(raw);
        short[] track = new short[(int) Math.round(roomSeconds * rate)];
        System.arraycopy(pcm, 0, track, 0, Math.min(pcm.length, track.length));
        return new SpokenTrack(participantId, List.of(), track, rate, List.of());
    }

    /** Silence: a microphone that is on and hears nothing but a faint hiss. */
    public static SpokenTrack silence(String participantId, double roomSeconds, int rate) {
        short[] track = new short[(int) Math.round(roomSeconds * rate)];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < track.length; i++) {
            track[i] = (short) (random.nextGaussian() * 3);
        }
        return new SpokenTrack(participantId, List.of(), track, rate, List.of());
    }

    /** The track at 16 kHz, converted by sox (the reference for the offline run). */
    public short[] at16k(Path work) throws IOException {
        if (sampleRate == 16_000) {
            return pcm;
        }
        Path in = work.resolve(participantId + "-full.raw");
        Path out = work.resolve(participantId + "-full16k.raw");
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        Files.write(in, bytes.array());
        List<String> sox = new ArrayList<>(List.of("sox"));
        sox.addAll(rawMono(sampleRate, in));
        sox.addAll(rawMono(16_000, out));
        run(sox.toArray(String[]::new));
        return read(out);
    }

    /** sox's description of a raw file: mono s16le at {@code rate}. */
    private static List<String> rawMono(int rate, Path raw) {
        return List.of(
                "-r",
                Integer.toString(rate),
                "-c",
                "1",
                "-b",
                "16",
                "-e",
                "signed-integer",
                "-t",
                "raw",
                raw.toString());
    }

    static short[] read(Path raw) throws IOException {
        byte[] bytes = Files.readAllBytes(raw);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
