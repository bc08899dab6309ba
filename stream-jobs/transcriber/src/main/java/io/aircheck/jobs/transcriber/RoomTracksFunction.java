package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.Rejections;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per room (keyed by room id): knows the session and its tracks, and turns the room's stream into
 * per-track streams. Media frames pass through; a track's end mark goes to its track; room-wide
 * marks (session end, clock) and the room clock's progress (a tick per second of room clock seen in
 * any track's frames) are copied to every open track, so a track that stops sending closes its
 * utterance without waiting for its own next frame. Everything depends on the log alone.
 */
public final class RoomTracksFunction extends KeyedProcessFunction<String, TrackAudio, TrackAudio> {
    static final long TICK_US = 1_000_000;

    private transient ValueState<String> session;
    private transient ValueState<String> lastEndedSession;
    private transient ValueState<Long> lastTickUs;
    private transient MapState<String, String> tracks;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
        lastEndedSession =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("lastEndedSession", Types.STRING));
        lastTickUs = getRuntimeContext().getState(new ValueStateDescriptor<>("tick", Types.LONG));
        tracks =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("tracks", Types.STRING, Types.STRING));
        rejected = getRuntimeContext().getMetricGroup().counter("framesRejected");
    }

    @Override
    public void processElement(TrackAudio frame, Context ctx, Collector<TrackAudio> out)
            throws Exception {
        String current = session.value();
        switch (frame.kind()) {
            case SESSION_STARTED -> {
                if (frame.sessionId().equals(current)) {
                    return;
                }
                if (current != null) {
                    endAll(frame, out);
                }
                if (frame.sessionId().equals(lastEndedSession.value())) {
                    reject(
                            ctx,
                            frame,
                            "start mark for session '"
                                    + frame.sessionId()
                                    + "', which already ended");
                    session.clear();
                    return;
                }
                session.update(frame.sessionId());
                lastTickUs.update(frame.timestampUs());
            }
            case SESSION_ENDED -> {
                if (frame.sessionId().equals(current)) {
                    endAll(frame, out);
                    session.clear();
                    lastTickUs.clear();
                    lastEndedSession.update(current);
                }
            }
            case TRACK_ENDED -> {
                if (frame.sessionId().equals(current)) {
                    String key = frame.participantId() + "/" + frame.trackId();
                    if (tracks.contains(key)) {
                        tracks.remove(key);
                        out.collect(frame);
                    }
                }
            }
            case CLOCK -> {
                if (frame.sessionId().equals(current)) {
                    tick(frame, frame.timestampUs(), out, true);
                }
            }
            case MEDIA -> {
                if (!frame.sessionId().equals(current)) {
                    reject(
                            ctx,
                            frame,
                            frame.sessionId().equals(lastEndedSession.value())
                                    ? "session '" + frame.sessionId() + "' already ended"
                                    : "no session '"
                                            + frame.sessionId()
                                            + "' is open in room '"
                                            + frame.roomId()
                                            + "'");
                    return;
                }
                tracks.put(frame.participantId() + "/" + frame.trackId(), frame.trackId());
                out.collect(frame);
                tick(frame, frame.timestampUs(), out, false);
            }
        }
    }

    private void tick(TrackAudio frame, long nowUs, Collector<TrackAudio> out, boolean force)
            throws Exception {
        Long last = lastTickUs.value();
        if (!force && last != null && nowUs - last < TICK_US) {
            return;
        }
        lastTickUs.update(nowUs);
        for (String key : trackKeys()) {
            int slash = key.indexOf('/');
            out.collect(
                    frame.forTrack(
                                    TrackAudio.Kind.CLOCK,
                                    key.substring(0, slash),
                                    key.substring(slash + 1))
                            .atTime(nowUs));
        }
    }

    private void endAll(TrackAudio mark, Collector<TrackAudio> out) throws Exception {
        for (String key : trackKeys()) {
            int slash = key.indexOf('/');
            out.collect(
                    mark.forTrack(
                            TrackAudio.Kind.TRACK_ENDED,
                            key.substring(0, slash),
                            key.substring(slash + 1)));
        }
        tracks.clear();
    }

    private List<String> trackKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        tracks.keys().forEach(keys::add);
        keys.sort(null);
        return keys;
    }

    private void reject(Context ctx, TrackAudio frame, String reason) {
        rejected.inc();
        ctx.output(Rejections.TAG, AudioRejections.of(frame, reason));
    }
}
