package io.aircheck.jobs;

import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.config.Setting;
import io.aircheck.jobs.audit.AuditSettings;
import io.aircheck.jobs.recorder.mix.OpusApplication;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.jobs.timeline.TimelineSettings;
import io.aircheck.jobs.transcriber.TranscriberSettings;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.vosk.VoskDecoder;
import io.aircheck.storage.signing.SigningKeyFile;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The stream jobs' configuration, read once from the environment at start-up. */
public record JobsConfig(
        KafkaSettings kafka,
        S3Settings s3,
        ElasticsearchSettings elasticsearch,
        Set<String> jobs,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        RecorderSettings recorder,
        TimelineSettings timeline,
        TranscriberSettings transcriber,
        AuditSettings audit)
        implements Serializable {

    public static final String RECORDER = "recorder";
    public static final String TIMELINE = "timeline";
    public static final String TRANSCRIBER = "transcriber";
    public static final String INDEXER = "indexer";
    public static final String AUDIT = "audit";
    public static final String CONSENT = "consent";
    private static final Set<String> KNOWN_JOBS =
            Set.of(RECORDER, TIMELINE, TRANSCRIBER, INDEXER, AUDIT, CONSENT);

    public static final Setting<String> JOBS =
            Setting.string(
                    "AIRCHECK_JOBS",
                    "recorder,timeline,transcriber,indexer,audit,consent",
                    "Which stream jobs to run (comma list of recorder, timeline, transcriber, indexer, audit, consent).");
    public static final Setting<String> CHECKPOINT_DIR =
            Setting.string(
                    "AIRCHECK_CHECKPOINT_DIR",
                    "file:///tmp/aircheck/checkpoints",
                    "Where Flink keeps checkpoints (a URI: file:///..., s3://...). The embedded stack uses the checkpoints folder of its data directory.");
    public static final Setting<Duration> CHECKPOINT_INTERVAL =
            Setting.duration(
                    "AIRCHECK_CHECKPOINT_INTERVAL",
                    "2s",
                    "How often the jobs checkpoint, which is when their Kafka writes (transcripts, recordings) and index writes commit: it bounds how soon a word is searchable.");
    public static final Setting<Integer> PARALLELISM =
            Setting.positiveInt(
                    "AIRCHECK_JOBS_PARALLELISM", 2, "Parallelism of each job's operators.");
    public static final Setting<Duration> CHUNK =
            Setting.duration(
                    "AIRCHECK_RECORDER_CHUNK",
                    "3s",
                    "Length of the mix chunks the recorder finalises and writes: one live HLS segment each (a multiple of 20 ms).");
    public static final Setting<Duration> JITTER =
            Setting.duration(
                    "AIRCHECK_RECORDER_JITTER",
                    "1500ms",
                    "How far past a chunk the room clock must be before the chunk is mixed; later frames are dead-lettered as late.");

    public static final Setting<Boolean> OPUS_MASTER =
            Setting.flag(
                    "AIRCHECK_RECORDER_OPUS_MASTER",
                    RecorderSettings.DEFAULT_OPUS_MASTER,
                    "Whether the recorder also encodes the mix in Opus for an Ogg Opus master (mix/room.opus, 32 kb/s: half the M4A's size). The HLS segments and the M4A master share one AAC encode; the Opus master is a second encode of the mix, the job's largest CPU cost: with it, about 40-60 % more CPU per room-hour (see the recorder README's benchmark). Off: the M4A is the master, and the API answers recording.opus with 404.");

    public static final Setting<Integer> OPUS_COMPLEXITY =
            Setting.intRange(
                    "AIRCHECK_RECORDER_OPUS_COMPLEXITY",
                    5,
                    0,
                    10,
                    "libopus complexity of the recorder's Ogg Opus master of the mix, when it makes one (0-10): lower is cheaper and a little worse (the audio application's encode: about 44 CPU-s per room-hour at 5, 28 at 3, 14 at 0; voip: 73, 64, 39; from 7 on, audio may code speech as voip does, at voip's cost).");

    public static final Setting<String> OPUS_APPLICATION =
            Setting.string(
                    "AIRCHECK_RECORDER_OPUS_APPLICATION",
                    "audio",
                    "What the recorder's Ogg Opus master of the mix (when it makes one) is coded for: audio (CELT below complexity 7, constrained VBR: fidelity to the mixed signal, the cheaper encode) or voip (SILK/hybrid for speech, ~1.6x the CPU at complexity 5). The consent job's public copy keeps its own voip profile.");

    public static final Setting<Duration> LATE_GRACE =
            Setting.duration(
                    "AIRCHECK_TIMELINE_LATE_GRACE",
                    "10m",
                    "How long after a room closes the timeline still places late events, before it finalizes the session.");
    public static final Setting<Duration> TIMELINE_FLUSH =
            Setting.duration(
                    "AIRCHECK_TIMELINE_FLUSH",
                    "10s",
                    "How often a live room's event log and timeline files are rewritten when they changed.");

    public static final Setting<String> TRANSCRIBER_MODEL =
            Setting.optional(
                    "AIRCHECK_TRANSCRIBER_MODEL",
                    "Folder of a Vosk model for the transcriber (am/, conf/, graph/, ...); unset = the English model bundled with the job (extracted once per machine to java.io.tmpdir).");
    public static final Setting<Duration> TRANSCRIBER_PAUSE =
            Setting.duration(
                    "AIRCHECK_TRANSCRIBER_PAUSE",
                    "500ms",
                    "Silence that ends an utterance (and so a transcript segment) on a speaker's track.");
    public static final Setting<Duration> TRANSCRIBER_MAX_UTTERANCE =
            Setting.duration(
                    "AIRCHECK_TRANSCRIBER_MAX_UTTERANCE",
                    "6s",
                    "Longest utterance recognized as one unit; longer speech is split at its quietest moment. Bounds how long a word waits before it is searchable.");
    public static final Setting<String> TRANSCRIBER_DECODER =
            Setting.string(
                    "AIRCHECK_TRANSCRIBER_DECODER",
                    "fast",
                    "How the speech decoder searches: fast (narrower search, larger acoustic-model chunks: ~1.9x the speed of accurate, no less accurate on the espeak-ng set), accurate (the bundled model's own beam), or model (the model folder's conf/ as it is).");

    public static final List<Setting<?>> SETTINGS = settings();

    public static JobsConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        KafkaSettings kafka = KafkaSettings.read(reader);
        S3Settings s3 = S3Settings.read(reader);
        ElasticsearchSettings es = ElasticsearchSettings.read(reader);
        Set<String> jobs = parseJobs(reader);
        String checkpointDir = reader.get(CHECKPOINT_DIR);
        if (checkpointDir != null && !checkpointDir.matches("[a-z0-9]+://.+")) {
            reader.problem(
                    CHECKPOINT_DIR.env() + "=" + checkpointDir + ": not a URI like file:///path");
        }
        Duration interval = reader.get(CHECKPOINT_INTERVAL);
        if (interval != null && interval.toMillis() < 100) {
            reader.problem(CHECKPOINT_INTERVAL.env() + ": must be at least 100ms");
        }
        Integer parallelism = reader.get(PARALLELISM);
        Duration chunk = reader.get(CHUNK);
        Duration jitter = reader.get(JITTER);
        Boolean opusMaster = reader.get(OPUS_MASTER);
        Integer complexity = reader.get(OPUS_COMPLEXITY);
        OpusApplication application = null;
        try {
            application = OpusApplication.parse(reader.get(OPUS_APPLICATION));
        } catch (IllegalArgumentException e) {
            reader.problem(OPUS_APPLICATION.env() + ": " + e.getMessage());
        }
        RecorderSettings recorder = null;
        if (chunk != null
                && jitter != null
                && opusMaster != null
                && complexity != null
                && application != null) {
            try {
                recorder =
                        new RecorderSettings(
                                48_000,
                                (int) chunk.toMillis(),
                                (int) jitter.toMillis(),
                                complexity,
                                application,
                                opusMaster);
            } catch (IllegalArgumentException e) {
                reader.problem(CHUNK.env() + "/" + JITTER.env() + ": " + e.getMessage());
            }
        }
        Duration grace = reader.get(LATE_GRACE);
        Duration flush = reader.get(TIMELINE_FLUSH);
        TimelineSettings timeline = null;
        if (grace != null && flush != null) {
            try {
                timeline = new TimelineSettings(grace.toMillis(), flush.toMillis());
            } catch (IllegalArgumentException e) {
                reader.problem(
                        LATE_GRACE.env() + "/" + TIMELINE_FLUSH.env() + ": " + e.getMessage());
            }
        }
        String model = reader.get(TRANSCRIBER_MODEL);
        Duration pause = reader.get(TRANSCRIBER_PAUSE);
        Duration maxUtterance = reader.get(TRANSCRIBER_MAX_UTTERANCE);
        VoskDecoder decoder = null;
        try {
            decoder = VoskDecoder.parse(reader.get(TRANSCRIBER_DECODER));
        } catch (IllegalArgumentException e) {
            reader.problem(TRANSCRIBER_DECODER.env() + ": " + e.getMessage());
        }
        TranscriberSettings transcriber = null;
        if (pause != null && maxUtterance != null && decoder != null) {
            try {
                transcriber =
                        new TranscriberSettings(
                                model,
                                CutterSettings.of(
                                        (int) pause.toMillis(), (int) maxUtterance.toMillis()),
                                decoder);
            } catch (IllegalArgumentException e) {
                reader.problem(
                        TRANSCRIBER_PAUSE.env()
                                + "/"
                                + TRANSCRIBER_MAX_UTTERANCE.env()
                                + ": "
                                + e.getMessage());
            }
        }
        AuditSettings audit = AuditSettings.read(reader);
        reader.validate("stream-jobs");
        return new JobsConfig(
                kafka,
                s3,
                es,
                jobs,
                checkpointDir,
                interval,
                parallelism,
                recorder,
                timeline,
                transcriber,
                audit);
    }

    private static Set<String> parseJobs(EnvReader reader) {
        String text = reader.get(JOBS);
        if (text == null) {
            return Set.of();
        }
        Set<String> jobs =
                Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet());
        for (String job : jobs) {
            if (!KNOWN_JOBS.contains(job)) {
                reader.problem(
                        JOBS.env()
                                + ": unknown job '"
                                + job
                                + "' (known: recorder, timeline, transcriber, indexer, audit, consent)");
            }
        }
        if (jobs.isEmpty()) {
            reader.problem(JOBS.env() + ": names no job");
        }
        return jobs;
    }

    public JobsConfig withCheckpointDir(String dir) {
        return new JobsConfig(
                kafka,
                s3,
                elasticsearch,
                jobs,
                dir,
                checkpointInterval,
                parallelism,
                recorder,
                timeline,
                transcriber,
                audit);
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(KafkaSettings.SETTINGS);
        all.addAll(S3Settings.SETTINGS);
        all.addAll(ElasticsearchSettings.SETTINGS);
        all.addAll(
                List.of(
                        JOBS,
                        CHECKPOINT_DIR,
                        CHECKPOINT_INTERVAL,
                        PARALLELISM,
                        CHUNK,
                        JITTER,
                        OPUS_MASTER,
                        OPUS_COMPLEXITY,
                        OPUS_APPLICATION,
                        LATE_GRACE,
                        TIMELINE_FLUSH,
                        TRANSCRIBER_MODEL,
                        TRANSCRIBER_PAUSE,
                        TRANSCRIBER_MAX_UTTERANCE,
                        TRANSCRIBER_DECODER));
        all.addAll(AuditSettings.SETTINGS);
        all.addAll(SigningKeyFile.SETTINGS);
        return List.copyOf(all);
    }
}
