package io.aircheck.jobs.indexer;

import io.aircheck.jobs.indexer.transcript.SessionEvents;
import io.aircheck.jobs.indexer.transcript.SessionInfo;
import io.aircheck.jobs.indexer.transcript.TranscriptDocuments;
import io.aircheck.jobs.indexer.transcript.TranscriptFiles;
import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.VersionedTranscript;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per room (keyed by room id): joins the room's transcript segments with what {@code room.events}
 * says about the session (title, visibility, speakers' names and consent) and emits each segment's
 * index document, versioned by the number of inputs applied; when a name, the consent or the room's
 * visibility changes later, the segments it affects are emitted again with a higher version. When
 * the room closes (and again if a segment arrives after that), the session's transcript is written
 * to the archive as WebVTT and JSON, a moment later so a burst of changes writes once.
 */
public final class TranscriptProjectionFunction
        extends KeyedCoProcessFunction<
                String, LoggedSegment, LoggedRoomEvent, VersionedTranscript> {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptProjectionFunction.class);

    private final ObjectStoreFactory storeFactory;
    private final long fileDelayMs;

    private transient MapState<String, SessionInfo> sessions;
    private transient MapState<String, byte[]> segments;
    private transient MapState<String, Boolean> filesPending;
    private transient ValueState<Long> version;
    private transient ValueState<Long> fileTimer;
    private transient ObjectStore store;
    private transient Counter documents;
    private transient Counter transcriptsWritten;

    public TranscriptProjectionFunction(ObjectStoreFactory storeFactory, long fileDelayMs) {
        this.storeFactory = storeFactory;
        this.fileDelayMs = fileDelayMs;
    }

    @Override
    public void open(OpenContext openContext) {
        var context = getRuntimeContext();
        sessions =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "sessions", Types.STRING, TypeInformation.of(SessionInfo.class)));
        segments =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "segments",
                                Types.STRING,
                                org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                        .BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        filesPending =
                context.getMapState(
                        new MapStateDescriptor<>("filesPending", Types.STRING, Types.BOOLEAN));
        version = context.getState(new ValueStateDescriptor<>("version", Types.LONG));
        fileTimer = context.getState(new ValueStateDescriptor<>("fileTimer", Types.LONG));
        store = storeFactory.open();
        documents = context.getMetricGroup().counter("documentsEmitted");
        transcriptsWritten = context.getMetricGroup().counter("transcriptFilesWritten");
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void processElement1(
            LoggedSegment logged, Context ctx, Collector<VersionedTranscript> out)
            throws Exception {
        SessionInfo info = session(logged.roomId(), logged.sessionId());
        segments.put(logged.segmentId(), logged.value());
        out.collect(document(logged.segment(), info));
        if (info.closed) {
            pendFiles(info.sessionId, ctx);
        }
    }

    @Override
    public void processElement2(
            LoggedRoomEvent logged, Context ctx, Collector<VersionedTranscript> out)
            throws Exception {
        RoomEvent event = logged.event();
        if (event.getKindCase() == RoomEvent.KindCase.ROOM_OPENED) {
            forgetFinishedSessions(logged.sessionId());
        }
        SessionInfo info = session(logged.roomId(), logged.sessionId());
        SessionEvents.Change change = SessionEvents.apply(info, event);
        sessions.put(info.sessionId, info);
        if (change.any()) {
            for (TranscriptSegment segment : segmentsOf(info.sessionId)) {
                if (change.all() || segment.getParticipantId().equals(change.participantId())) {
                    out.collect(document(segment, info));
                }
            }
        }
        if (event.getKindCase() == RoomEvent.KindCase.ROOM_CLOSED
                || (info.closed && change.any())) {
            pendFiles(info.sessionId, ctx);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VersionedTranscript> out)
            throws Exception {
        fileTimer.clear();
        List<String> pending = new ArrayList<>();
        filesPending.keys().forEach(pending::add);
        for (String sessionId : pending) {
            SessionInfo info = sessions.get(sessionId);
            if (info != null) {
                writeFiles(info);
            }
            filesPending.remove(sessionId);
        }
    }

    private void writeFiles(SessionInfo info) throws Exception {
        List<TranscriptSegment> all = segmentsOf(info.sessionId);
        MDC.put("roomId", info.roomId);
        MDC.put("sessionId", info.sessionId);
        try {
            store.put(
                    ObjectKeys.transcript(info.roomId, info.sessionId, "vtt"),
                    TranscriptFiles.webVtt(info, all),
                    TranscriptFiles.VTT_TYPE);
            store.put(
                    ObjectKeys.transcript(info.roomId, info.sessionId, "json"),
                    TranscriptFiles.json(info, all),
                    TranscriptFiles.JSON_TYPE);
            transcriptsWritten.inc();
            LOG.info(
                    "transcript of room {} session {} written ({} segments)",
                    info.roomId,
                    info.sessionId,
                    all.size());
        } finally {
            MDC.remove("roomId");
            MDC.remove("sessionId");
        }
    }

    private void pendFiles(String sessionId, Context ctx) throws Exception {
        filesPending.put(sessionId, Boolean.TRUE);
        if (fileTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + fileDelayMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            fileTimer.update(at);
        }
    }

    /** A new session opened: sessions that closed and whose files are written are done with. */
    private void forgetFinishedSessions(String opening) throws Exception {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, SessionInfo> e : sessions.entries()) {
            if (!e.getKey().equals(opening)
                    && e.getValue().closed
                    && !filesPending.contains(e.getKey())) {
                done.add(e.getKey());
            }
        }
        if (done.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : segments.entries()) {
            if (done.contains(TranscriptSegment.parseFrom(e.getValue()).getSessionId())) {
                ids.add(e.getKey());
            }
        }
        for (String id : ids) {
            segments.remove(id);
        }
        for (String id : done) {
            sessions.remove(id);
        }
    }

    private SessionInfo session(String roomId, String sessionId) throws Exception {
        SessionInfo info = sessions.get(sessionId);
        if (info == null) {
            info = SessionInfo.unknown(roomId, sessionId);
            sessions.put(sessionId, info);
        }
        return info;
    }

    private List<TranscriptSegment> segmentsOf(String sessionId) throws Exception {
        List<TranscriptSegment> list = new ArrayList<>();
        for (byte[] value : segments.values()) {
            TranscriptSegment segment = TranscriptSegment.parseFrom(value);
            if (segment.getSessionId().equals(sessionId)) {
                list.add(segment);
            }
        }
        return TranscriptFiles.ordered(list);
    }

    private VersionedTranscript document(TranscriptSegment segment, SessionInfo info)
            throws Exception {
        long next = (version.value() == null ? 0 : version.value()) + 1;
        version.update(next);
        documents.inc();
        return new VersionedTranscript(TranscriptDocuments.of(segment, info), next);
    }
}
