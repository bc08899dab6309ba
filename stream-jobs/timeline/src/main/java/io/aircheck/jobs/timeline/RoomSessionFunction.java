package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.timeline.session.RoomSession;
import io.aircheck.jobs.timeline.session.SessionProjection;
import io.aircheck.jobs.timeline.session.SessionUpdate;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per room (keyed by room id): folds the room's events into its current session and emits the
 * session's catalog document each time it changes, versioned by the number of events applied.
 */
public final class RoomSessionFunction
        extends KeyedProcessFunction<String, LoggedEvent, VersionedRoom> {
    private transient ValueState<RoomSession> session;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        session =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "session", TypeInformation.of(RoomSession.class)));
        rejected = getRuntimeContext().getMetricGroup().counter("eventsRejected");
    }

    @Override
    public void processElement(LoggedEvent logged, Context ctx, Collector<VersionedRoom> out)
            throws Exception {
        RoomEvent event = logged.event();
        RoomSession current = session.value();
        if (event.getKindCase() == RoomEvent.KindCase.ROOM_OPENED
                && current != null
                && current.live()
                && !current.sessionId.equals(event.getSessionId())) {
            // The previous session never got its close event: it ended with its last event.
            current.endedAtUs = current.lastEventAtUs;
            current.version++;
            out.collect(document(current));
        }
        SessionProjection.Applied applied = SessionProjection.apply(current, event);
        if (applied.update().outcome() == SessionUpdate.Outcome.REJECTED) {
            rejected.inc();
            ctx.output(
                    Rejections.TAG,
                    new Rejected(
                            Topics.ROOM_EVENTS,
                            logged.partition(),
                            logged.offset(),
                            logged.roomId(),
                            logged.roomId().getBytes(StandardCharsets.UTF_8),
                            logged.value(),
                            applied.update().reason(),
                            TimelineJob.NAME));
            return;
        }
        session.update(applied.session());
        if (applied.update().outcome() == SessionUpdate.Outcome.CHANGED) {
            out.collect(document(applied.session()));
        }
    }

    static VersionedRoom document(RoomSession s) {
        List<RoomDocument.Speaker> speakers =
                s.speakers.entrySet().stream()
                        .map(e -> new RoomDocument.Speaker(e.getKey(), e.getValue()))
                        .toList();
        RoomDocument doc =
                new RoomDocument(
                        s.roomId,
                        s.sessionId,
                        s.title,
                        s.hostId,
                        s.visibility,
                        speakers,
                        micros(s.startedAtUs),
                        s.live() ? null : micros(s.endedAtUs),
                        s.durationMs(),
                        s.live(),
                        s.peakParticipants,
                        micros(s.lastEventAtUs));
        return new VersionedRoom(doc, s.version);
    }

    private static Instant micros(long us) {
        return Instant.ofEpochSecond(
                Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }
}
