package io.aircheck.jobs.recorder;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.recorder.mix.ChunkMixer;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameAdmission;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.FrameDurations;
import io.aircheck.jobs.recorder.mix.FrameKind;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.jobs.recorder.mix.RecordingProgress;
import io.aircheck.jobs.recorder.mix.SeenSequences;
import io.aircheck.jobs.recorder.mix.SessionClock;
import io.aircheck.protocol.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per room (keyed by room id): collects the session's frames, and mixes each chunk once the room
 * clock is a jitter allowance past it, or the session has ended. Progress comes only from the
 * room's own records (frames and capture's marks), so a silent or stalled room never holds another
 * back, and a replay of the log mixes exactly the same chunks.
 */
public final class MixFunction extends KeyedProcessFunction<String, Frame, MixOutput> {
    /** Frames this long before a chunk are kept to warm up stateful decoders on it. */
    static final long WARM_UP_US = 100_000;

    private final RecorderSettings settings;
    private final FrameDecoder.Factory decoders;

    private transient ValueState<RecordingProgress> progress;
    private transient ListState<Frame> pending;
    private transient MapState<String, SeenSequences> seen;
    private transient ValueState<String> lastEndedSession;
    private transient ChunkMixer mixer;
    private transient Counter rejectedFrames;
    private transient Counter chunksMixed;

    public MixFunction(RecorderSettings settings, FrameDecoder.Factory decoders) {
        this.settings = settings;
        this.decoders = decoders;
    }

    @Override
    public void open(OpenContext openContext) {
        progress =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "progress", TypeInformation.of(RecordingProgress.class)));
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending", TypeInformation.of(Frame.class)));
        seen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "seenSequences",
                                        Types.STRING,
                                        TypeInformation.of(SeenSequences.class)));
        lastEndedSession =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("lastEndedSession", Types.STRING));
        mixer = new ChunkMixer(decoders);
        rejectedFrames = getRuntimeContext().getMetricGroup().counter("framesRejected");
        chunksMixed = getRuntimeContext().getMetricGroup().counter("chunksMixed");
    }

    @Override
    public void processElement(Frame frame, Context ctx, Collector<MixOutput> out)
            throws Exception {
        RecordingProgress current = progress.value();
        switch (frame.kind()) {
            case SESSION_STARTED -> startSession(frame, current, ctx, out);
            case SESSION_ENDED -> {
                if (isCurrent(current, frame)) {
                    finish(current.endedAt(frame.timestampUs()), ctx, out);
                } else if (!frame.sessionId().equals(lastEndedSession.value())) {
                    reject(
                            ctx,
                            frame,
                            "end mark for session '"
                                    + frame.sessionId()
                                    + "', which is not being recorded");
                }
            }
            case TRACK_ENDED, CLOCK -> {
                if (isCurrent(current, frame)) {
                    mixReady(current.advancedTo(frame.timestampUs()), ctx, out);
                }
            }
            case MEDIA -> admit(frame, current, ctx, out);
        }
    }

    private void startSession(
            Frame mark, RecordingProgress current, Context ctx, Collector<MixOutput> out)
            throws Exception {
        if (current != null) {
            if (current.sessionId().equals(mark.sessionId())) {
                return; // the same mark again
            }
            // A new session without an end mark for the old one: the old one ends where it got to.
            finish(current.endedAt(current.progressUs()), ctx, out);
        }
        if (mark.sessionId().equals(lastEndedSession.value())) {
            reject(
                    ctx,
                    mark,
                    "start mark for session '" + mark.sessionId() + "', which already ended");
            return;
        }
        progress.update(RecordingProgress.start(mark.sessionId(), mark.timestampUs()));
    }

    private void admit(
            Frame frame, RecordingProgress current, Context ctx, Collector<MixOutput> out)
            throws Exception {
        SeenSequences sequences = current == null ? null : seen.get(frame.trackKey());
        sequences = sequences == null ? SeenSequences.NONE : sequences;
        SessionClock clock = current == null ? null : settings.clock(current.startUs());
        Optional<String> refusal =
                FrameAdmission.refusal(frame, current, lastEndedSession.value(), sequences, clock);
        if (refusal.isPresent()) {
            reject(ctx, frame, refusal.get());
            return;
        }
        pending.add(frame);
        seen.put(frame.trackKey(), sequences.with(frame.sequence()));
        mixReady(
                current.advancedTo(frame.timestampUs() + FrameDurations.estimateUs(frame)),
                ctx,
                out);
    }

    private void mixReady(RecordingProgress current, Context ctx, Collector<MixOutput> out)
            throws Exception {
        SessionClock clock = settings.clock(current.startUs());
        if (!current.nextChunkReady(clock, settings.allowanceUs())) {
            progress.update(current);
            return;
        }
        List<Frame> frames = new ArrayList<>();
        pending.get().forEach(frames::add);
        while (current.nextChunkReady(clock, settings.allowanceUs())) {
            long index = current.nextChunk();
            int length = clock.chunkLength(index, current.endUs());
            ChunkMixer.Result result =
                    mixer.mix(clock, index, length, frames, current.limiterGain());
            for (ChunkMixer.Rejection rejection : result.rejections()) {
                frames.remove(rejection.frame());
                reject(ctx, rejection.frame(), rejection.reason());
            }
            long startUs = clock.chunkStartUs(index);
            long endUs = clock.timeOf(clock.chunkStartSample(index) + length);
            boolean last = current.ended() && index == clock.chunkCount(current.endUs()) - 1;
            out.collect(
                    MixOutput.chunk(
                            ctx.getCurrentKey(),
                            current.sessionId(),
                            index,
                            startUs,
                            endUs,
                            result.pcm(),
                            current.startUs(),
                            last,
                            Frame.startingIn(frames, startUs, last ? current.endUs() : endUs)));
            chunksMixed.inc();
            current = current.chunkMixed(result.limiterGain());
            long keepAfter = clock.chunkEndUs(index) - WARM_UP_US;
            frames.removeIf(f -> f.timestampUs() + FrameDurations.estimateUs(f) <= keepAfter);
        }
        pending.update(frames);
        progress.update(current);
    }

    private void finish(RecordingProgress ended, Context ctx, Collector<MixOutput> out)
            throws Exception {
        SessionClock clock = settings.clock(ended.startUs());
        // chunks already mixed stay in the recording, even if the end mark says less
        ended = ended.endedAt(Math.max(ended.endUs(), ended.mixedUpToUs(clock)));
        for (Frame frame : pending.get()) {
            if (frame.kind() == FrameKind.MEDIA && frame.timestampUs() >= ended.endUs()) {
                reject(
                        ctx,
                        frame,
                        "frame at "
                                + frame.timestampUs()
                                + " µs is after the end of session '"
                                + frame.sessionId()
                                + "' at "
                                + ended.endUs());
            }
        }
        long chunks = clock.chunkCount(ended.endUs());
        boolean lastMixedBefore = ended.nextChunk() == chunks;
        mixReady(ended, ctx, out);
        if (lastMixedBefore && ended.endUs() > ended.startUs()) {
            // the final chunk went out before the end was known: an empty one closes the stream
            long endUs = ended.endUs();
            out.collect(
                    MixOutput.chunk(
                            ctx.getCurrentKey(),
                            ended.sessionId(),
                            chunks,
                            endUs,
                            endUs,
                            new short[0],
                            ended.startUs(),
                            true,
                            new Frame[0]));
            chunks++;
        }
        out.collect(
                MixOutput.sessionMixed(
                        ctx.getCurrentKey(),
                        ended.sessionId(),
                        ended.startUs(),
                        ended.endUs(),
                        chunks));
        progress.clear();
        pending.clear();
        seen.clear();
        lastEndedSession.update(ended.sessionId());
    }

    private static boolean isCurrent(RecordingProgress current, Frame frame) {
        return current != null && current.sessionId().equals(frame.sessionId());
    }

    private void reject(Context ctx, Frame frame, String reason) {
        rejectedFrames.inc();
        ctx.output(
                Rejections.TAG,
                new Rejected(
                        Topics.ROOM_AUDIO,
                        frame.sourcePartition(),
                        frame.sourceOffset(),
                        frame.roomId(),
                        frame.roomId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        FrameCodec.encode(frame),
                        reason,
                        RecorderJob.NAME));
    }
}
