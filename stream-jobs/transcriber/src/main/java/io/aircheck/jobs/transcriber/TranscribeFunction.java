package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.MonoResampler;
import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.Segment;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.speech.Utterance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per speaker track (keyed by room/participant/track): decodes the frames to 16 kHz mono on the
 * room clock (gaps filled with silence, overlaps trimmed), cuts utterances by voice activity, and
 * recognizes each closed utterance as one unit; every utterance with words becomes a segment on
 * {@code room.transcripts}. Silence costs no recognition time.
 *
 * <p>Exactly once: recognition happens while the closing record is processed, so a segment is in
 * the Kafka transaction of the checkpoint that follows its audio; the open utterance's audio is in
 * the keyed state, so a restore neither loses nor repeats a segment.
 */
public final class TranscribeFunction
        extends KeyedProcessFunction<String, TrackAudio, OutboundRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(TranscribeFunction.class);

    /** Gaps shorter than this are timing jitter, not missing audio. */
    static final long JITTER_US = 5_000;

    /** Overlaps up to this are jitter too; longer ones are trimmed. */
    static final long OVERLAP_US = 20_000;

    private final CutterSettings settings;
    private final SpeechRecognizer.Factory engine;

    private transient ValueState<TrackState> state;
    private transient SpeechRecognizer recognizer;
    private transient TrackDecoders decoders;
    private transient Counter rejected;
    private transient Counter utterances;
    private transient Counter segments;
    private transient Counter audioMs;
    private transient Counter recognitionMs;

    public TranscribeFunction(CutterSettings settings, SpeechRecognizer.Factory engine) {
        this.settings = settings;
        this.engine = engine;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "track", TypeInformation.of(TrackState.class)));
        recognizer = engine.open();
        decoders = new TrackDecoders();
        var metrics = getRuntimeContext().getMetricGroup();
        rejected = metrics.counter("framesRejected");
        utterances = metrics.counter("utterancesRecognized");
        segments = metrics.counter("segmentsWritten");
        audioMs = metrics.counter("utteranceAudioMs");
        recognitionMs = metrics.counter("recognitionMs");
    }

    @Override
    public void close() {
        if (decoders != null) {
            decoders.close();
        }
        if (recognizer != null) {
            recognizer.close();
        }
    }

    @Override
    public void processElement(TrackAudio frame, Context ctx, Collector<OutboundRecord> out)
            throws Exception {
        MDC.put("roomId", frame.roomId());
        MDC.put("sessionId", frame.sessionId());
        try {
            process(frame, ctx, out);
        } finally {
            MDC.remove("roomId");
            MDC.remove("sessionId");
        }
    }

    private void process(TrackAudio frame, Context ctx, Collector<OutboundRecord> out)
            throws Exception {
        TrackState track = state.value();
        String key = ctx.getCurrentKey();
        switch (frame.kind()) {
            case MEDIA -> media(key, track, frame, ctx, out);
            case CLOCK -> {
                if (track != null
                        && frame.sessionId().equals(track.sessionId)
                        && frame.timestampUs() - track.nextInputUs
                                >= settings.pauseMs() * 1000L + RoomTracksFunction.TICK_US) {
                    recognize(frame, track, track.cutter.flush(), out);
                    state.update(track);
                }
            }
            case TRACK_ENDED, SESSION_ENDED -> {
                if (track != null && frame.sessionId().equals(track.sessionId)) {
                    recognize(frame, track, track.cutter.flush(), out);
                    state.clear();
                    decoders.release(key);
                }
            }
            case SESSION_STARTED -> {}
        }
    }

    private void media(
            String key,
            TrackState track,
            TrackAudio frame,
            Context ctx,
            Collector<OutboundRecord> out)
            throws Exception {
        int rate = TrackDecoders.inputRate(frame.codec(), frame.sampleRate());
        if (track != null && !frame.sessionId().equals(track.sessionId)) {
            recognize(frame, track, track.cutter.flush(), out);
            decoders.release(key);
            track = null;
        }
        if (track != null && track.lastSequence >= 0 && frame.sequence() <= track.lastSequence) {
            reject(
                    ctx,
                    frame,
                    "duplicate or out-of-order frame: sequence "
                            + frame.sequence()
                            + " after "
                            + track.lastSequence
                            + " on track "
                            + frame.trackKey());
            return;
        }
        if (track != null
                && (track.codec != frame.codec()
                        || track.inputRate != rate
                        || track.channels != frame.channels())) {
            // the sender changed format: the old audio is finished, the new starts here
            recognize(frame, track, track.cutter.flush(), out);
            decoders.release(key);
            TrackState next = TrackState.start(frame, rate, settings);
            next.originUs = track.originUs;
            next.cutter.framesSeen = track.cutter.framesSeen;
            next.cutter.bufferStart = track.cutter.framesSeen;
            next.nextInputUs = next.clockOf(next.cutter.nextSample());
            track = next;
        }
        short[] mono;
        try {
            mono = decoders.decode(key, frame);
        } catch (TrackDecoders.UndecodablePayloadException e) {
            reject(ctx, frame, e.getMessage());
            return;
        }
        if (track == null) {
            track = TrackState.start(frame, rate, settings);
        }
        track.lastSequence = frame.sequence();
        List<Utterance> closed = new ArrayList<>();
        long gapUs = frame.timestampUs() - track.nextInputUs;
        if (gapUs > settings.pauseMs() * 1000L + RoomTracksFunction.TICK_US) {
            closed.addAll(track.cutter.skipTo(track.sampleAt(frame.timestampUs())));
            track.resampler = new MonoResampler(rate);
            track.nextInputUs = track.clockOf(track.cutter.nextSample());
            gapUs = frame.timestampUs() - track.nextInputUs;
        }
        if (gapUs > JITTER_US) {
            short[] silence = new short[(int) (gapUs * rate / 1_000_000L)];
            closed.addAll(track.cutter.append(track.resampler.process(silence)));
            track.nextInputUs += silence.length * 1_000_000L / rate;
        } else if (gapUs < -OVERLAP_US) {
            int trim = (int) Math.min(mono.length, -gapUs * rate / 1_000_000L);
            mono = Arrays.copyOfRange(mono, trim, mono.length);
        }
        closed.addAll(track.cutter.append(track.resampler.process(mono)));
        track.nextInputUs += mono.length * 1_000_000L / rate;
        recognize(frame, track, closed, out);
        state.update(track);
    }

    private void recognize(
            TrackAudio at, TrackState track, List<Utterance> closed, Collector<OutboundRecord> out)
            throws Exception {
        for (Utterance utterance : closed) {
            long started = System.nanoTime();
            Recognition recognition =
                    recognizer.recognize(utterance.withContext()).after(utterance.contextUs());
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            long lengthMs = utterance.withContext().length / 16;
            utterances.inc();
            audioMs.inc(lengthMs);
            recognitionMs.inc(tookMs);
            long startUs = track.clockOf(utterance.startSample());
            Segment segment =
                    Segment.of(
                            at.roomId(),
                            track.sessionId,
                            at.participantId(),
                            at.trackId(),
                            startUs,
                            recognition);
            LOG.debug(
                    "{}/{}: utterance at {} ({} ms, {} ms voiced) recognized in {} ms: '{}'{}",
                    at.participantId(),
                    at.trackId(),
                    startUs,
                    lengthMs,
                    utterance.voicedMs(),
                    tookMs,
                    recognition.text(),
                    segment == null ? " (dropped)" : "");
            if (segment != null) {
                segments.inc();
                out.collect(TranscriptRecords.of(segment, recognizer));
            }
        }
    }

    private void reject(Context ctx, TrackAudio frame, String reason) {
        rejected.inc();
        ctx.output(Rejections.TAG, AudioRejections.of(frame, reason));
    }
}
