package io.aircheck.jobs.transcriber.vosk;

import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.JunkFilter;
import io.aircheck.jobs.transcriber.speech.MonoResampler;
import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import io.aircheck.jobs.transcriber.speech.Utterance;
import io.aircheck.jobs.transcriber.speech.UtteranceCutter;
import io.aircheck.jobs.transcriber.speech.WordErrorRate;
import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import io.aircheck.jobs.transcriber.testing.TestRooms;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Where the transcriber's time goes on speech (run by hand): on the espeak-ng WER set (8 voices,
 * 189 words), thread CPU time of resampling, voice activity detection, recognizer creation, Vosk
 * decoding (with and without the context the streaming pipeline primes each utterance with), result
 * extraction (lattice, MBR, JSON) and JSON parsing, with the word error rate of each way.
 *
 * <pre>
 * cd stream-jobs/transcriber && mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *     io.aircheck.jobs.transcriber.vosk.VoskCostBreakdown [--decoder fast|accurate|model] [--model DIR] \
 *     [--rounds 2] [--modes offline,fresh,reused,fresh-context,reused-context] \
 *     [--context-ms 2000] [--lead-trim-ms 0] [--tail-trim-ms 0]
 * </pre>
 */
public final class VoskCostBreakdown {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int RATE = 48_000;

    private long createNs;
    private long acceptNs;
    private long resultNs;
    private long parseNs;
    private double fedSeconds;

    public static void main(String[] args) throws Exception {
        String modelDir = null;
        int rounds = 2;
        int contextMs = CutterSettings.CONTEXT_MS;
        int leadTrimMs = 0;
        int tailTrimMs = 0;
        VoskDecoder decoder = VoskDecoder.DEFAULT;
        String modes = "offline,fresh,reused,fresh-context,reused-context";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> modelDir = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--modes" -> modes = args[++i];
                case "--decoder" -> decoder = VoskDecoder.parse(args[++i]);
                case "--context-ms" -> contextMs = Integer.parseInt(args[++i]);
                case "--lead-trim-ms" -> leadTrimMs = Integer.parseInt(args[++i]);
                case "--tail-trim-ms" -> tailTrimMs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("aircheck-vosk-breakdown");
        List<SpokenTrack> tracks = werSet(work);
        Path dir = decoder.apply(VoskModelLocation.resolve(modelDir));
        Model model = VoskModels.shared(dir);
        System.out.printf(Locale.ROOT, "model %s (decoder %s)%n", dir, decoder);

        long t = CPU.getCurrentThreadCpuTime();
        List<short[]> resampled = new ArrayList<>();
        for (SpokenTrack track : tracks) {
            MonoResampler resampler = new MonoResampler(RATE);
            resampled.add(resampler.process(track.pcm()));
        }
        long resampleNs = CPU.getCurrentThreadCpuTime() - t;
        t = CPU.getCurrentThreadCpuTime();
        List<List<Utterance>> utterances = new ArrayList<>();
        for (short[] pcm : resampled) {
            UtteranceCutter cutter = new UtteranceCutter(CutterSettings.defaults());
            List<Utterance> cut = new ArrayList<>(cutter.append(pcm));
            cut.addAll(cutter.flush());
            // what shorter lead-in, tail and context would give (approximately: trimmed here)
            List<Utterance> trimmed = new ArrayList<>();
            short[] context = new short[0];
            for (Utterance u : cut) {
                int from = Math.min(u.pcm().length / 2, leadTrimMs * 16);
                int to = Math.max(from, u.pcm().length - tailTrimMs * 16);
                short[] body = java.util.Arrays.copyOfRange(u.pcm(), from, to);
                trimmed.add(new Utterance(u.startSample() + from, body, u.voicedMs(), context));
                int keep = Math.min(body.length, contextMs * 16);
                context = java.util.Arrays.copyOfRange(body, body.length - keep, body.length);
            }
            utterances.add(trimmed);
        }
        long vadNs = CPU.getCurrentThreadCpuTime() - t;

        double trackSeconds = 0;
        double speechSeconds = 0;
        double utteranceSeconds = 0;
        double contextSeconds = 0;
        int words = 0;
        for (int i = 0; i < tracks.size(); i++) {
            trackSeconds += tracks.get(i).seconds();
            speechSeconds += tracks.get(i).speechSeconds();
            words += WordErrorRate.words(tracks.get(i).referenceText()).size();
            for (Utterance u : utterances.get(i)) {
                utteranceSeconds += u.pcm().length / 16_000.0;
                contextSeconds += u.context().length / 16_000.0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d tracks: %.1f s of track, %.1f s of speech, %d utterances %.1f s (+ %.1f s of"
                        + " context), %d words%n",
                tracks.size(),
                trackSeconds,
                speechSeconds,
                utterances.stream().mapToInt(List::size).sum(),
                utteranceSeconds,
                contextSeconds,
                words);
        System.out.printf(
                Locale.ROOT,
                "resampling 48->16 kHz: %.1f ms CPU (%.0fx real time); VAD: %.1f ms CPU (%.0fx)%n",
                resampleNs / 1e6,
                trackSeconds / (resampleNs / 1e9),
                vadNs / 1e6,
                trackSeconds / (vadNs / 1e9));

        List<short[]> whole = new ArrayList<>();
        for (SpokenTrack track : tracks) {
            whole.add(track.at16k(work));
        }
        for (int round = 0; round < rounds; round++) {
            System.out.printf(Locale.ROOT, "-- round %d (uptime: %s)%n", round + 1, uptime());
            if (List.of(modes.split(",")).contains("offline")) {
                VoskCostBreakdown offline = new VoskCostBreakdown();
                int errors = 0;
                for (int i = 0; i < tracks.size(); i++) {
                    errors +=
                            offline.errors(
                                    tracks.get(i), List.of(offline.fresh(model, whole.get(i))));
                }
                offline.print("offline, whole tracks", errors, words, speechSeconds, trackSeconds);
            }
            for (boolean context : new boolean[] {false, true}) {
                String suffix = context ? "-context" : "";
                boolean doFresh = List.of(modes.split(",")).contains("fresh" + suffix);
                boolean doReused = List.of(modes.split(",")).contains("reused" + suffix);
                if (!doFresh && !doReused) {
                    continue;
                }
                int differing = 0;
                int compared = 0;
                VoskCostBreakdown fresh = new VoskCostBreakdown();
                VoskCostBreakdown reused = new VoskCostBreakdown();
                int freshErrors = 0;
                int reusedErrors = 0;
                Recognizer shared = reused.create(model);
                long fed = 0;
                for (int i = 0; i < tracks.size(); i++) {
                    List<Recognition> a = new ArrayList<>();
                    List<Recognition> b = new ArrayList<>();
                    for (Utterance u : utterances.get(i)) {
                        short[] pcm = context ? u.withContext() : u.pcm();
                        long contextUs = context ? u.contextUs() : 0;
                        Recognition x = null;
                        Recognition y = null;
                        if (doFresh) {
                            a.add(x = fresh.fresh(model, pcm).after(contextUs));
                        }
                        if (doReused) {
                            b.add(y = reused.decode(shared, pcm, fed).after(contextUs));
                            fed += pcm.length;
                        }
                        if (x != null && y != null) {
                            compared++;
                            if (!x.equals(y)) {
                                differing++;
                                System.out.printf("  differ:%n    %s%n    %s%n", x, y);
                            }
                        }
                    }
                    freshErrors += fresh.errors(tracks.get(i), a);
                    reusedErrors += reused.errors(tracks.get(i), b);
                }
                shared.close();
                String how =
                        context
                                ? "utterances + " + contextMs / 1000.0 + " s context"
                                : "utterances, no context";
                if (doFresh) {
                    fresh.print(how + ", fresh recognizer", freshErrors, words, speechSeconds, 0);
                }
                if (doReused) {
                    reused.print(how + ", one recognizer", reusedErrors, words, speechSeconds, 0);
                }
                if (compared > 0) {
                    System.out.printf(
                            "  fresh vs one recognizer: %d of %d utterances differ%n",
                            differing, compared);
                }
            }
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(0);
    }

    static List<SpokenTrack> werSet(Path work) throws Exception {
        return TestRooms.werSet(RATE, work); // the set SpeechTranscriptionITCase measures
    }

    private Recognizer create(Model model) throws Exception {
        long t = CPU.getCurrentThreadCpuTime();
        Recognizer recognizer = new Recognizer(model, 16_000);
        recognizer.setWords(true);
        createNs += CPU.getCurrentThreadCpuTime() - t;
        return recognizer;
    }

    private Recognition fresh(Model model, short[] pcm) throws Exception {
        try (Recognizer recognizer = create(model)) {
            return decode(recognizer, pcm, 0);
        }
    }

    /** Feeds pcm in 200 ms pieces, as the job does; {@code fed}: samples fed before (reuse). */
    private Recognition decode(Recognizer recognizer, short[] pcm, long fed) throws Exception {
        fedSeconds += pcm.length / 16_000.0;
        List<String> results = new ArrayList<>();
        int piece = 3200;
        float[] buffer = new float[piece];
        java.util.SplittableRandom dither =
                new java.util.SplittableRandom(VoskSpeechRecognizer.DITHER_SEED);
        long t = CPU.getCurrentThreadCpuTime();
        for (int at = 0; at < pcm.length; at += piece) {
            int n = Math.min(piece, pcm.length - at);
            for (int i = 0; i < n; i++) {
                buffer[i] = pcm[at + i] + (float) dither.nextGaussian();
            }
            long a = CPU.getCurrentThreadCpuTime();
            boolean endpoint = recognizer.acceptWaveForm(buffer, n);
            acceptNs += CPU.getCurrentThreadCpuTime() - a;
            if (endpoint) {
                long r = CPU.getCurrentThreadCpuTime();
                results.add(recognizer.getResult());
                resultNs += CPU.getCurrentThreadCpuTime() - r;
            }
        }
        long r = CPU.getCurrentThreadCpuTime();
        results.add(recognizer.getFinalResult());
        resultNs += CPU.getCurrentThreadCpuTime() - r;
        long p = CPU.getCurrentThreadCpuTime();
        List<RecognizedWord> words = new ArrayList<>();
        for (String json : results) {
            words.addAll(VoskResults.words(json, fed / 16_000.0));
        }
        parseNs += CPU.getCurrentThreadCpuTime() - p;
        return new Recognition(words);
    }

    private int errors(SpokenTrack track, List<Recognition> recognitions) {
        List<String> heard = new ArrayList<>();
        for (Recognition r : recognitions) {
            if (JunkFilter.keeps(r)) {
                heard.addAll(WordErrorRate.words(r.text()));
            }
        }
        return WordErrorRate.errors(WordErrorRate.words(track.referenceText()), heard);
    }

    private void print(String how, int errors, int words, double speech, double track) {
        long total = createNs + acceptNs + resultNs + parseNs;
        System.out.printf(
                Locale.ROOT,
                "%-45s WER %5.1f %%  CPU %6.0f ms = create %4.0f + decode %6.0f + result %5.0f +"
                        + " parse %3.0f; fed %.1f s (%.1fx real time); %.2fx on speech%s%n",
                how,
                100.0 * errors / words,
                total / 1e6,
                createNs / 1e6,
                acceptNs / 1e6,
                resultNs / 1e6,
                parseNs / 1e6,
                fedSeconds,
                fedSeconds / (total / 1e9),
                speech / (total / 1e9),
                track > 0
                        ? String.format(Locale.ROOT, ", %.1fx on track", track / (total / 1e9))
                        : "");
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
