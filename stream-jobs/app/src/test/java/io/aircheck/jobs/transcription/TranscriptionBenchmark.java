package io.aircheck.jobs.transcription;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.StreamJobs;
import io.aircheck.jobs.TestEnvironment;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.transcriber.ParseAudioFunction;
import io.aircheck.jobs.transcriber.TrackAudio;
import io.aircheck.jobs.transcriber.TranscribeFunction;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.speech.WordErrorRate;
import io.aircheck.jobs.transcriber.testing.SpokenLine;
import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import io.aircheck.jobs.transcriber.testing.TestRooms;
import io.aircheck.jobs.transcriber.testing.TrackFrames;
import io.aircheck.jobs.transcriber.vosk.VoskDecoder;
import io.aircheck.jobs.transcriber.vosk.VoskSpeechRecognizer;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Prints the transcription figures (run by hand, not part of {@code mvn verify}):
 *
 * <ol>
 *   <li>word error rate on the espeak-ng set (isolated sentences ~11 s apart) and on four people
 *       talking without stopping: the streaming pipeline (VAD, utterances, context) and the same
 *       engine offline over each whole track;
 *   <li>speed on both: the transcribe operator on one thread, CPU time against the speech it
 *       recognized (times real time per core), against the tracks' length and, for continuous talk,
 *       against the time each one talks (how many people talking at once a core keeps up with);
 *   <li>delay from a word spoken to it being searchable (p50, p99): N speakers talking at once in
 *       real time through capture's topics, the transcriber, Kafka (exactly once), the indexer and
 *       Elasticsearch, on the embedded servers; each says a line every 5 s, or with {@code
 *       --continuous} talks without stopping for ~65 s.
 * </ol>
 *
 * <pre>
 * cd stream-jobs/app && mvn -o -q test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) \
 *     -Dlog4j2.configurationFile=classpath:log4j2.properties \
 *     io.aircheck.jobs.transcription.TranscriptionBenchmark --speakers 4 --seconds 60 --checkpoint 1s
 * </pre>
 *
 * ({@code --no-accuracy}, {@code --no-continuous} or {@code --no-delay} skip a part; {@code
 * --decoder accurate} measures the other search profile. Not {@code exec:java}: its class loader
 * hides Flink's classes from the local cluster.) </pre>
 */
public final class TranscriptionBenchmark {
    private static final int RATE = 48_000;

    /**
     * AIRCHECK_TRANSCRIBER_* from this process's environment, for the job and the speed run ({@code
     * --decoder} sets the decoder of both).
     */
    private static final Map<String, String> TRANSCRIBER_ENV = transcriberEnv();

    private static Map<String, String> transcriberEnv() {
        return Map.copyOf(TestEnvironment.fromProcess("AIRCHECK_TRANSCRIBER_"));
    }

    /** How the cutter is set up, with the AIRCHECK_TRANSCRIBER_* given (else the defaults). */
    private static CutterSettings cutter() {
        return JobsConfig.fromEnv(TRANSCRIBER_ENV).transcriber().cutter();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        int speakers = Integer.parseInt(options.getOrDefault("speakers", "4"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        String checkpoint = options.getOrDefault("checkpoint", "5s");
        Path work = Files.createTempDirectory("aircheck-transcription-benchmark");
        String decoder = options.getOrDefault("decoder", "fast");
        SpeechRecognizer.Factory vosk =
                VoskSpeechRecognizer.factory(
                        TRANSCRIBER_ENV.get("AIRCHECK_TRANSCRIBER_MODEL"),
                        VoskDecoder.parse(decoder));
        System.out.printf(
                Locale.ROOT,
                "decoder %s, %s; load average at start: %s%n",
                decoder,
                cutter(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        vosk.open().close(); // load the model before timing anything

        if (!options.containsKey("no-accuracy")) {
            accuracyAndSpeed("espeak-ng set", espeakSet(work), vosk, work, false);
        }
        if (!options.containsKey("no-continuous")) {
            accuracyAndSpeed("continuous talk", continuousTalk(work), vosk, work, true);
        }
        if (!options.containsKey("no-delay")) {
            List<SpokenTrack> talk =
                    options.containsKey("continuous")
                            ? TestRooms.continuousTalk(speakers, 23, RATE, work)
                            : turns(speakers, seconds, work);
            delay(talk, checkpoint, decoder, work);
        }
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.exit(0);
    }

    static List<SpokenTrack> espeakSet(Path work) throws Exception {
        return TestRooms.werSet(RATE, work); // the set SpeechTranscriptionITCase measures
    }

    /** Four people each talking for ~65 s without stopping (all 23 lines of the set). */
    static List<SpokenTrack> continuousTalk(Path work) throws Exception {
        return TestRooms.continuousTalk(4, 23, RATE, work);
    }

    /**
     * WER offline and streaming, and the streaming pipeline's speed, on {@code set}; for continuous
     * talk the speed per talker is also counted on the time each one talks (first word to last).
     */
    static void accuracyAndSpeed(
            String name,
            List<SpokenTrack> set,
            SpeechRecognizer.Factory vosk,
            Path work,
            boolean continuous)
            throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int words = 0;
        int offlineErrors = 0;
        int streamingErrors = 0;
        long offlineCpu = 0;
        long streamingCpu = 0;
        double trackSeconds = 0;
        double speechSeconds = 0;
        // as in a running job: one operator's recognizer serves every track, warm after its
        // first utterances (streaming one track first, untimed)
        SpeechRecognizer operators = vosk.open();
        SpeechRecognizer.Factory warm = () -> new Unclosed(operators);
        streaming(set.get(0), warm);
        try (SpeechRecognizer offline = vosk.open()) {
            for (SpokenTrack track : set) {
                List<String> reference = WordErrorRate.words(track.referenceText());
                words += reference.size();
                trackSeconds += track.seconds();
                speechSeconds += track.speechSeconds();
                short[] whole = track.at16k(work);
                long t = cpu.getCurrentThreadCpuTime();
                String offlineText = offline.recognize(whole).text();
                offlineCpu += cpu.getCurrentThreadCpuTime() - t;
                t = cpu.getCurrentThreadCpuTime();
                String streamingText = streaming(track, warm);
                streamingCpu += cpu.getCurrentThreadCpuTime() - t;
                offlineErrors += WordErrorRate.errors(reference, WordErrorRate.words(offlineText));
                streamingErrors +=
                        WordErrorRate.errors(reference, WordErrorRate.words(streamingText));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n%s: %d tracks, %.1f s of track, %.1f s of speech, %d words%n",
                name,
                set.size(),
                trackSeconds,
                speechSeconds,
                words);
        System.out.printf(
                Locale.ROOT,
                "WER offline (whole tracks)       %.1f %%%n",
                100.0 * offlineErrors / words);
        System.out.printf(
                Locale.ROOT,
                "WER streaming (VAD + utterances) %.1f %%%n",
                100.0 * streamingErrors / words);
        System.out.printf(
                Locale.ROOT,
                "speed offline:   %.1fx real time per core (track time / CPU time)%n",
                trackSeconds / (offlineCpu / 1e9));
        System.out.printf(
                Locale.ROOT,
                "speed streaming: %.1fx real time per core on speech, %.1fx on track time"
                        + " (decode, resample, VAD, recognition with context)%n",
                speechSeconds / (streamingCpu / 1e9),
                trackSeconds / (streamingCpu / 1e9));
        if (continuous) {
            double talkSeconds = 0; // first word to last
            for (SpokenTrack track : set) {
                talkSeconds += track.seconds() - 0.5 - track.speechStartSeconds().get(0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  => one core keeps up with %.1f people talking at once"
                            + " (%.1f s of talk: first word to last, breaths included)%n",
                    talkSeconds / (streamingCpu / 1e9),
                    talkSeconds);
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "  => one core keeps up with %.1f people uttering sound at once"
                            + " (on speech: pauses over 0.1 s not counted)%n",
                    speechSeconds / (streamingCpu / 1e9));
        }
    }

    /** One operator's engine, handed to each test harness in turn (which closes its engine). */
    private record Unclosed(SpeechRecognizer shared) implements SpeechRecognizer {
        @Override
        public io.aircheck.jobs.transcriber.speech.Recognition recognize(short[] pcm)
                throws io.aircheck.jobs.transcriber.speech.RecognitionException {
            return shared.recognize(pcm);
        }

        @Override
        public String engine() {
            return shared.engine();
        }

        @Override
        public String language() {
            return shared.language();
        }
    }

    private static String streaming(SpokenTrack track, SpeechRecognizer.Factory vosk)
            throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<String, TrackAudio, OutboundRecord>(
                        new KeyedProcessOperator<>(new TranscribeFunction(cutter(), vosk)),
                        TrackAudio::trackKey,
                        Types.STRING);
        harness.open();
        List<AudioFrame> frames = new ArrayList<>(TrackFrames.frames("bench", "s1", track, 0));
        frames.add(
                AudioFrame.newBuilder()
                        .setRoomId("bench")
                        .setSessionId("s1")
                        .setParticipantId(track.participantId())
                        .setTrackId("mic")
                        .setTimestampUs(Math.round(track.seconds() * 1e6))
                        .setMark(io.aircheck.protocol.v1.StreamMark.TRACK_ENDED)
                        .build());
        for (AudioFrame f : frames) {
            harness.processElement(
                    new StreamRecord<>(
                            ParseAudioFunction.decode(
                                    new SourceRecord(
                                            "room.audio",
                                            0,
                                            0,
                                            "bench".getBytes(StandardCharsets.UTF_8),
                                            f.toByteArray()))));
        }
        List<String> texts = new ArrayList<>();
        for (OutboundRecord r : harness.extractOutputValues()) {
            texts.add(TranscriptSegment.parseFrom(r.value()).getText());
        }
        harness.close();
        return String.join(" ", texts);
    }

    /** N speakers each saying a line every 5 s (~3 s long), for {@code seconds}. */
    static List<SpokenTrack> turns(int speakers, int seconds, Path work) throws Exception {
        List<SpokenLine> lines = new ArrayList<>();
        lines.addAll(TestRooms.ALICE);
        lines.addAll(TestRooms.BOB);
        lines.addAll(TestRooms.CAROL);
        lines.addAll(TestRooms.DAVE);
        String[] voices = {"en-us", "en+m3", "en+f3", "en-us+m1", "en-us+f2", "en-us+m7"};
        List<SpokenTrack> tracks = new ArrayList<>();
        for (int p = 0; p < speakers; p++) {
            List<SpokenLine> script = new ArrayList<>();
            double at = 0.3 + 0.7 * p;
            for (int i = 0; at < seconds - 6; i++) {
                SpokenLine line = lines.get((i + p) % lines.size());
                script.add(new SpokenLine(line.text(), voices[p % voices.length], 150, at));
                at += 5.0;
            }
            tracks.add(SpokenTrack.speak("speaker" + p, script, seconds, RATE, work));
        }
        return tracks;
    }

    /** The tracks in real time through the whole pipeline; prints word-to-searchable delays. */
    static void delay(List<SpokenTrack> tracks, String checkpoint, String decoder, Path work)
            throws Exception {
        int speakers = tracks.size();
        int seconds =
                (int) Math.round(tracks.stream().mapToDouble(SpokenTrack::seconds).max().orElse(0));
        Map<String, String> env =
                TestEnvironment.of("transcription-benchmark", work.resolve("checkpoints"));
        env.put("AIRCHECK_JOBS", "transcriber,indexer");
        env.put("AIRCHECK_CHECKPOINT_INTERVAL", checkpoint);
        env.putAll(TRANSCRIBER_ENV);
        env.put("AIRCHECK_TRANSCRIBER_DECODER", decoder);
        JobsConfig config = JobsConfig.fromEnv(env);
        ElasticsearchClient es = ElasticsearchClients.connect(config.elasticsearch());
        IndexBootstrap.ensure(es, Indexes.TRANSCRIPTS);
        StreamExecutionEnvironment flink =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        StreamJobs.flinkConfiguration(config));
        StreamJobs.wire(flink, config, StreamJobs.Connections.of(config));
        JobClient job = flink.executeAsync("transcription-benchmark");
        Thread.sleep(8_000); // the job up, the model loaded

        String roomId = "bench-" + System.currentTimeMillis();
        String session = "s" + System.currentTimeMillis();
        long startUs = System.currentTimeMillis() * 1000;
        TranscribedRoom room =
                new TranscribedRoom(
                        roomId, session, startUs, "Benchmark", tracks, Map.of(), List.of());
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafka().bootstrapServers());
        p.put("linger.ms", "0");
        List<Long> delaysMs = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = roomId.getBytes(StandardCharsets.UTF_8);
            for (RoomEvent e : room.events()) {
                if (e.hasRoomOpened() || e.hasParticipantJoined()) {
                    producer.send(new ProducerRecord<>(Topics.ROOM_EVENTS, key, e.toByteArray()));
                }
            }
            List<AudioFrame> audio = room.audio();
            int next = 0;
            long lastPoll = 0;
            while (true) {
                long nowUs = System.currentTimeMillis() * 1000;
                while (next < audio.size() && audio.get(next).getTimestampUs() <= nowUs) {
                    producer.send(
                            new ProducerRecord<>(
                                    Topics.ROOM_AUDIO, key, audio.get(next++).toByteArray()));
                }
                if (nowUs / 1000 - lastPoll >= 200) {
                    lastPoll = nowUs / 1000;
                    poll(es, roomId, seen, delaysMs);
                }
                if (next >= audio.size() && nowUs > room.endUs() + 25_000_000) {
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            job.cancel().get();
        }
        delaysMs.sort(null);
        System.out.printf(
                Locale.ROOT,
                "delay word spoken -> searchable (%d speakers at once, %d s, checkpoint %s): %d words in %d segments,"
                        + " p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s%n",
                speakers,
                seconds,
                checkpoint,
                delaysMs.size(),
                seen.size(),
                pct(delaysMs, 50),
                pct(delaysMs, 90),
                pct(delaysMs, 99),
                delaysMs.isEmpty() ? 0 : delaysMs.get(delaysMs.size() - 1) / 1000.0);
    }

    @SuppressWarnings("rawtypes")
    private static void poll(
            ElasticsearchClient es, String roomId, Map<String, Boolean> seen, List<Long> delaysMs)
            throws Exception {
        long now = System.currentTimeMillis();
        var response =
                es.search(
                        s ->
                                s.index(Indexes.TRANSCRIPTS.alias())
                                        .query(q -> q.term(t -> t.field("roomId").value(roomId)))
                                        .size(1000),
                        Map.class);
        for (Hit<Map> hit : response.hits().hits()) {
            if (seen.putIfAbsent(hit.id(), Boolean.TRUE) == null) {
                for (Object w : (List<?>) hit.source().get("words")) {
                    long end = ((Number) ((Map<?, ?>) w).get("endMs")).longValue();
                    delaysMs.add(now - end);
                }
            }
        }
    }

    private static double pct(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1000.0;
    }
}
