package io.aircheck.jobs.timeline;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.timeline.session.RoomSession;
import io.aircheck.jobs.timeline.session.SessionProjection;
import io.aircheck.jobs.timeline.session.SessionUpdate;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.VersionedRoom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per room (keyed by room id): the session's story. Events in room-clock order are applied as they
 * come; one that arrives out of order is put in its place by applying the session again; one that
 * cannot be placed yet (its participant's join, or the room's open, has not arrived) waits, and is
 * dead-lettered only if it still has no place after the grace period. Emits the catalog document on
 * every change; writes the session's files (event log, timeline) while it is live (at most every
 * flush interval) and when it closes; keeps a closed session open to late events for the grace
 * period, then lets its state go.
 */
public final class RoomTimelineFunction
        extends KeyedProcessFunction<String, TimelineInput, VersionedRoom> {
    public static final OutputTag<SessionFiles> FILES =
            new OutputTag<>("session-files", TypeInformation.of(SessionFiles.class));

    private final TimelineSettings settings;
    private transient ValueState<RoomSession> session;
    private transient ListState<byte[]> events;
    private transient ListState<TimelineInput> parked;
    private transient ValueState<Long> parkedUntil;
    private transient ValueState<Boolean> dirty;
    private transient ValueState<Long> flushAt;
    private transient ValueState<Long> finalizeAt;
    private transient ValueState<String> finalized;
    private transient ValueState<Long> closedArrival;
    private transient Counter rejected;
    private transient Counter reordered;

    public RoomTimelineFunction(TimelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        session =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "session", TypeInformation.of(RoomSession.class)));
        events =
                ctx.getListState(
                        new ListStateDescriptor<>(
                                "events", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        parked =
                ctx.getListState(
                        new ListStateDescriptor<>(
                                "parked", TypeInformation.of(TimelineInput.class)));
        parkedUntil = ctx.getState(new ValueStateDescriptor<>("parkedUntil", Types.LONG));
        dirty = ctx.getState(new ValueStateDescriptor<>("dirty", Types.BOOLEAN));
        flushAt = ctx.getState(new ValueStateDescriptor<>("flushAt", Types.LONG));
        finalizeAt = ctx.getState(new ValueStateDescriptor<>("finalizeAt", Types.LONG));
        finalized = ctx.getState(new ValueStateDescriptor<>("finalized", Types.STRING));
        closedArrival = ctx.getState(new ValueStateDescriptor<>("closedArrival", Types.LONG));
        rejected = ctx.getMetricGroup().counter("eventsRejected");
        reordered = ctx.getMetricGroup().counter("eventsReordered");
    }

    @Override
    public void processElement(TimelineInput input, Context ctx, Collector<VersionedRoom> out)
            throws Exception {
        if (input.kind() == TimelineInput.Kind.SEGMENT) {
            speech(input.segment(), ctx);
        } else {
            event(input, ctx, out);
        }
    }

    private void event(TimelineInput input, Context ctx, Collector<VersionedRoom> out)
            throws Exception {
        RoomEvent event = input.event();
        if (event.getSessionId().equals(finalized.value())) {
            reject(
                    ctx,
                    input,
                    "event "
                            + event.getKindCase()
                            + " for session '"
                            + event.getSessionId()
                            + "', which was closed and finalized before it arrived");
            return;
        }
        RoomSession current = session.value();
        boolean opens = event.getKindCase() == RoomEvent.KindCase.ROOM_OPENED;
        if (opens && current != null && !current.sessionId.equals(event.getSessionId())) {
            retire(current, ctx, out);
            current = null;
        }
        if (current != null && current.sessionId.equals(event.getSessionId())) {
            if (!event.getEventId().isEmpty() && current.eventIds.contains(event.getEventId())) {
                return;
            }
            if (!current.live() && tooLate(input)) {
                reject(
                        ctx,
                        input,
                        "event "
                                + event.getKindCase()
                                + " for session '"
                                + current.sessionId
                                + "' arrived more than the grace period after its close");
                return;
            }
            if (!current.live() && event.getTimestampUs() >= current.endedAtUs) {
                reject(
                        ctx,
                        input,
                        "event "
                                + event.getKindCase()
                                + " after session '"
                                + current.sessionId
                                + "' closed");
                return;
            }
        }
        if (current == null && !opens) {
            park(input, ctx);
            return;
        }
        RoomSession placed;
        if (opens || event.getTimestampUs() >= current.lastEventAtUs) {
            SessionProjection.Applied applied = SessionProjection.apply(current, event);
            if (applied.update().outcome() == SessionUpdate.Outcome.REJECTED) {
                park(input, ctx);
                return;
            }
            if (applied.update().outcome() == SessionUpdate.Outcome.UNCHANGED) {
                return;
            }
            placed = applied.session();
            events.add(input.value());
        } else {
            reordered.inc();
            List<TimelineInput> unplaced = new ArrayList<>();
            placed = refold(current, List.of(input), unplaced);
            if (!unplaced.isEmpty()) {
                park(input, ctx);
                return;
            }
        }
        RoomSession result = unpark(placed, input.arrivalMs(), ctx);
        if (!result.live() && closedArrival.value() == null) {
            closedArrival.update(input.arrivalMs());
        }
        session.update(result);
        changed(result, ctx, out);
    }

    private void speech(TranscriptSegment segment, Context ctx) throws Exception {
        RoomSession current = session.value();
        if (current == null || !current.sessionId.equals(segment.getSessionId())) {
            return; // a segment of a session finalized (or not opened) here: nothing to draw it on
        }
        SessionProjection.speech(
                current, segment.getParticipantId(), segment.getStartUs(), segment.getEndUs());
        session.update(current);
        if (current.live()) {
            markDirty(ctx);
        } else {
            ctx.output(FILES, files(current, true));
        }
    }

    /**
     * The session with {@code extra} events placed among its own, by applying it again in order;
     * extras it cannot place go to {@code unplaced}. If placing them would unseat an event already
     * placed, nothing changes and all extras are unplaced.
     */
    private RoomSession refold(
            RoomSession current, List<TimelineInput> extra, List<TimelineInput> unplaced)
            throws Exception {
        List<RoomEvent> all = storedEvents();
        List<RoomEvent> extraEvents = extra.stream().map(TimelineInput::event).toList();
        all.addAll(extraEvents);
        SessionProjection.Refolded refolded =
                SessionProjection.refold(all, current.speaking, current.version);
        List<RoomEvent> refused =
                refolded.rejections().stream().map(SessionProjection.Rejection::event).toList();
        if (refolded.session() == null
                || refused.stream().anyMatch(e -> !extraEvents.contains(e))) {
            unplaced.addAll(extra);
            return current;
        }
        for (int i = 0; i < extra.size(); i++) {
            if (refused.contains(extraEvents.get(i))) {
                unplaced.add(extra.get(i));
            }
        }
        all.removeAll(refused);
        events.update(distinct(all).stream().map(RoomEvent::toByteArray).toList());
        return refolded.session();
    }

    /** Each event once: repeats of an event id (as sources resend) are dropped. */
    private static List<RoomEvent> distinct(List<RoomEvent> events) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return events.stream()
                .filter(e -> e.getEventId().isEmpty() || seen.add(e.getEventId()))
                .toList();
    }

    /** Holds an event that cannot be placed yet: what it needs may still come. */
    private void park(TimelineInput input, Context ctx) throws Exception {
        String id = input.event().getEventId();
        for (TimelineInput waiting : parked.get()) {
            if (!id.isEmpty() && waiting.event().getEventId().equals(id)) {
                return;
            }
        }
        parked.add(input);
        if (parkedUntil.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.lateGraceMs();
            parkedUntil.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    /** Places the parked events of {@code current} that now have a place; the others wait. */
    private RoomSession unpark(RoomSession current, long nowArrivalMs, Context ctx)
            throws Exception {
        List<TimelineInput> waiting = new ArrayList<>();
        List<TimelineInput> expired = new ArrayList<>();
        for (TimelineInput w : parked.get()) {
            boolean stale =
                    w.arrivalMs() >= 0
                            && nowArrivalMs >= 0
                            && nowArrivalMs > w.arrivalMs() + settings.lateGraceMs();
            (stale ? expired : waiting).add(w);
        }
        if (!expired.isEmpty()) {
            deadLetter(expired, ctx);
            parked.update(waiting);
        }
        List<TimelineInput> ours =
                waiting.stream()
                        .filter(w -> w.event().getSessionId().equals(current.sessionId))
                        .toList();
        if (ours.isEmpty()) {
            return current;
        }
        List<TimelineInput> still = new ArrayList<>(waiting);
        still.removeAll(ours);
        RoomSession result = refold(current, ours, still);
        parked.update(still);
        return result;
    }

    /** Dead-letters the parked events still without a place, each with the reason it has none. */
    private void expireParked(Context ctx) throws Exception {
        List<TimelineInput> all = new ArrayList<>();
        parked.get().forEach(all::add);
        deadLetter(all, ctx);
        parked.clear();
        parkedUntil.clear();
    }

    private void deadLetter(List<TimelineInput> unplaced, Context ctx) throws Exception {
        RoomSession current = session.value();
        for (TimelineInput input : unplaced) {
            RoomEvent event = input.event();
            String reason =
                    "event "
                            + event.getKindCase()
                            + " for session '"
                            + event.getSessionId()
                            + "' of room '"
                            + event.getRoomId()
                            + "', which the timeline has not seen open";
            if (current != null && current.sessionId.equals(event.getSessionId())) {
                List<RoomEvent> all = storedEvents();
                all.add(event);
                reason =
                        SessionProjection.refold(all, List.of(), 0).rejections().stream()
                                .filter(r -> r.event().equals(event))
                                .map(SessionProjection.Rejection::reason)
                                .findFirst()
                                .orElse(
                                        "event "
                                                + event.getKindCase()
                                                + " has no place in session '"
                                                + current.sessionId
                                                + "'");
            }
            reject(ctx, input, reason);
        }
    }

    /** Whether a record arrived (by the log's clock) more than the grace period after the close. */
    private boolean tooLate(TimelineInput input) throws Exception {
        Long closed = closedArrival.value();
        return closed != null && closed >= 0 && input.arrivalMs() > closed + settings.lateGraceMs();
    }

    private void changed(RoomSession s, Context ctx, Collector<VersionedRoom> out)
            throws Exception {
        out.collect(SessionDocuments.catalog(s));
        if (s.live()) {
            markDirty(ctx);
            return;
        }
        ctx.output(FILES, files(s, true));
        dirty.clear();
        if (finalizeAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.lateGraceMs();
            finalizeAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    /** A session whose close never came, superseded by a new one: it ended with its last event. */
    private void retire(RoomSession old, Context ctx, Collector<VersionedRoom> out)
            throws Exception {
        if (old.live()) {
            old.endedAtUs = old.lastEventAtUs;
            old.closeReason = "no close event: ended at its last event when a new session opened";
            old.version++;
            out.collect(SessionDocuments.catalog(old));
            ctx.output(FILES, files(old, true));
        }
        if (parkedUntil.value() != null) {
            expireParked(ctx);
        }
        finalized.update(old.sessionId);
        clear();
    }

    private void markDirty(Context ctx) throws Exception {
        dirty.update(true);
        if (flushAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.liveFlushMs();
            flushAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VersionedRoom> out)
            throws Exception {
        Long parkedTime = parkedUntil.value();
        if (parkedTime != null && timestamp >= parkedTime) {
            expireParked(ctx);
        }
        RoomSession current = session.value();
        Long finalizeTime = finalizeAt.value();
        if (finalizeTime != null
                && timestamp >= finalizeTime
                && current != null
                && !current.live()) {
            finalized.update(current.sessionId);
            clear();
            return;
        }
        Long flushTime = flushAt.value();
        if (flushTime != null && timestamp >= flushTime) {
            flushAt.clear();
            if (current != null && Boolean.TRUE.equals(dirty.value())) {
                dirty.clear();
                ctx.output(FILES, files(current, !current.live()));
            }
        }
    }

    private List<RoomEvent> storedEvents() throws Exception {
        List<RoomEvent> all = new ArrayList<>();
        for (byte[] bytes : events.get()) {
            all.add(RoomEvent.parseFrom(bytes));
        }
        return all;
    }

    private SessionFiles files(RoomSession s, boolean complete) throws Exception {
        return new SessionFiles(
                s.roomId,
                s.sessionId,
                SessionDocuments.eventLog(storedEvents()),
                SessionDocuments.timeline(s),
                complete);
    }

    private void clear() {
        closedArrival.clear();
        session.clear();
        events.clear();
        dirty.clear();
        flushAt.clear();
        finalizeAt.clear();
    }

    private void reject(Context ctx, TimelineInput input, String reason) {
        rejected.inc();
        ctx.output(
                Rejections.TAG,
                new Rejected(
                        Topics.ROOM_EVENTS,
                        input.partition(),
                        input.offset(),
                        input.roomId(),
                        input.roomId().getBytes(StandardCharsets.UTF_8),
                        input.value(),
                        reason,
                        TimelineJob.NAME));
    }
}
