package io.aircheck.jobs.recorder;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.track.TrackState;
import io.aircheck.jobs.recorder.work.WorkChunk;
import io.aircheck.media.AacTrack;
import io.aircheck.media.Fmp4Audio;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per room (keyed by room id, right after the mixer): encodes each mixed chunk into its live HLS
 * segment (AAC in fMP4) and its share of the masters and speakers' tracks (a work object), lists
 * the segment in the live playlist, and announces it; when the session is completely mixed, has
 * {@link SessionArchiver} finish the masters, tracks, playlists and manifest. Uploads run in the
 * background ({@link Uploads}) and every checkpoint waits for them, so a restored job rewrites the
 * same objects (deterministic keys and bytes) and its events, sent through a transactional sink,
 * appear once. Work objects of archived sessions are deleted once a checkpoint past the session's
 * end is complete.
 */
public final class RecordingWriterFunction
        extends KeyedProcessFunction<String, MixOutput, OutboundRecord>
        implements CheckpointedFunction, CheckpointListener {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriterFunction.class);
    private static final int UPLOAD_THREADS = 8;

    private final ObjectStoreFactory storeFactory;
    private final int chunkSamples;

    private transient ValueState<SessionWriting> session;
    private transient ListState<SegmentRecord> segments;
    private transient MapState<String, TrackState> tracks;
    private transient ListState<String> cleanupState;
    private transient List<String> archivedSinceSnapshot;
    private transient Map<Long, List<String>> cleanupAfter;
    private transient ObjectStore store;
    private transient Uploads uploads;
    private transient MixEncoder encoder;
    private transient TrackEncoder trackEncoder;
    private transient AacTrack aacTrack;
    private transient LivePlaylists playlists;
    private transient Counter segmentsWritten;
    private transient Counter sessionsArchived;
    private transient Counter trackFramesDropped;

    public RecordingWriterFunction(ObjectStoreFactory storeFactory, int chunkSamples) {
        this.storeFactory = storeFactory;
        this.chunkSamples = chunkSamples;
    }

    @Override
    public void open(OpenContext openContext) {
        var context = getRuntimeContext();
        session =
                context.getState(
                        new ValueStateDescriptor<>(
                                "session", TypeInformation.of(SessionWriting.class)));
        segments =
                context.getListState(
                        new ListStateDescriptor<>(
                                "segments", TypeInformation.of(SegmentRecord.class)));
        tracks =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "tracks", Types.STRING, TypeInformation.of(TrackState.class)));
        store = storeFactory.open();
        uploads = new Uploads(UPLOAD_THREADS, "recorder-upload");
        encoder = new MixEncoder(chunkSamples);
        trackEncoder = new TrackEncoder();
        aacTrack = MixEncoder.aacTrack();
        playlists = new LivePlaylists(store);
        segmentsWritten = context.getMetricGroup().counter("segmentsWritten");
        sessionsArchived = context.getMetricGroup().counter("sessionsArchived");
        trackFramesDropped = context.getMetricGroup().counter("trackFramesDropped");
    }

    @Override
    public void close() {
        if (uploads != null) {
            uploads.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void processElement(MixOutput mix, Context ctx, Collector<OutboundRecord> out)
            throws Exception {
        uploads.check();
        MDC.put("roomId", mix.roomId());
        MDC.put("sessionId", mix.sessionId());
        try {
            if (mix.kind() == MixOutput.Kind.CHUNK) {
                writeChunk(mix, out);
            } else {
                archive(mix, out);
            }
        } finally {
            MDC.remove("roomId");
            MDC.remove("sessionId");
        }
    }

    private void writeChunk(MixOutput chunk, Collector<OutboundRecord> out) throws Exception {
        String room = chunk.roomId();
        String sessionId = chunk.sessionId();
        SessionWriting current = session.value();
        if (chunk.index() == 0) {
            current = SessionWriting.start(sessionId, chunk.sessionStartUs());
            segments.clear();
            tracks.clear();
        } else if (current == null
                || !current.sessionId().equals(sessionId)
                || current.chunksWritten() != chunk.index()) {
            throw new IllegalStateException(
                    "chunk "
                            + chunk.index()
                            + " of session "
                            + sessionId
                            + " does not follow what was written: "
                            + current);
        }
        long chunkStart = chunk.index() * chunkSamples;
        short[] audio = current.audioWith(chunk.pcm());
        long audioStart = chunkStart - current.tail().length;
        MixEncoder.Encoded encoded = encoder.encode(chunk.index(), audio, audioStart, chunk.last());
        Map<String, List<byte[]>> trackPackets = encodeTracks(chunk);
        byte[] work =
                new WorkChunk(chunk.index(), encoded.opus(), encoded.aac(), trackPackets).toBytes();

        List<Uploads.Task> parallel = new ArrayList<>();
        parallel.add(
                () ->
                        store.put(
                                ObjectKeys.workChunk(room, sessionId, chunk.index()),
                                work,
                                "application/octet-stream"));
        if (chunk.index() == 0) {
            byte[] init = Fmp4Audio.initSegment(aacTrack);
            parallel.add(
                    () ->
                            store.put(
                                    ObjectKeys.hlsInit(room, sessionId),
                                    init,
                                    SessionArchiver.SEGMENT_TYPE));
        }
        SegmentRecord record = null;
        if (!encoded.aac().isEmpty()) {
            byte[] segment =
                    Fmp4Audio.mediaSegment(
                            chunk.index() + 1,
                            encoded.firstAac() * AacTrack.FRAME_SAMPLES,
                            encoded.aac());
            long presentedStart = encoder.presentedStart(chunk.index());
            long presentedEnd =
                    chunk.last()
                            ? chunkStart + chunk.pcm().length
                            : encoder.presentedStart(chunk.index() + 1);
            String key = ObjectKeys.hlsSegment(room, sessionId, chunk.index());
            record =
                    new SegmentRecord(
                            chunk.index(),
                            key,
                            segment.length,
                            RecordingEvents.sha256(segment),
                            presentedEnd - presentedStart,
                            current.startUs() + presentedStart * 1_000_000L / MixEncoder.RATE);
            parallel.add(() -> store.put(key, segment, SessionArchiver.SEGMENT_TYPE));
            segments.add(record);
        }
        List<SegmentRecord> listed = new ArrayList<>();
        segments.get().forEach(listed::add);
        HlsPlaylist live = playlist(current.startUs(), listed);
        long startUs = current.startUs();
        uploads.submit(room, parallel, () -> playlists.publish(room, sessionId, live));
        session.update(
                current.chunkWritten(
                        audio, chunkStart + chunk.pcm().length, encoder.tailSamples()));
        if (record != null) {
            segmentsWritten.inc();
            ArchivedObject announced =
                    new ArchivedObject(
                            ArchivedObject.SEGMENT,
                            new StoredObject(
                                    store.bucket(),
                                    record.key(),
                                    record.sizeBytes(),
                                    record.sha256(),
                                    ""),
                            SessionArchiver.SEGMENT_TYPE,
                            record.durationUs(),
                            record.startUs(),
                            "",
                            "");
            out.collect(RecordingEvents.segment(room, sessionId, announced, record.index()));
        }
        LOG.debug(
                "chunk {} of room {} session {} written (starts {} µs into it)",
                chunk.index(),
                room,
                sessionId,
                chunk.startUs() - startUs);
    }

    /** The chunk's packets per track, tracks updated; at the end every track is flushed. */
    private Map<String, List<byte[]>> encodeTracks(MixOutput chunk) throws Exception {
        Map<String, List<Frame>> byTrack = new LinkedHashMap<>();
        for (Frame frame : chunk.trackFrames()) {
            byTrack.computeIfAbsent(frame.trackKey(), k -> new ArrayList<>()).add(frame);
        }
        if (chunk.last()) {
            for (String key : tracks.keys()) {
                byTrack.putIfAbsent(key, List.of());
            }
        }
        Map<String, List<byte[]>> packets = new LinkedHashMap<>();
        for (Map.Entry<String, List<Frame>> entry : byTrack.entrySet()) {
            TrackState track = tracks.get(entry.getKey());
            if (track == null) {
                track = TrackEncoder.start(entry.getValue().get(0));
            }
            TrackEncoder.Encoded encoded =
                    trackEncoder.encode(track, entry.getValue(), chunk.last() ? -1 : chunk.endUs());
            tracks.put(entry.getKey(), encoded.track());
            trackFramesDropped.inc(encoded.dropped().size());
            if (!encoded.packets().isEmpty()) {
                packets.put(entry.getKey(), encoded.packets());
            }
        }
        return packets;
    }

    private void archive(MixOutput done, Collector<OutboundRecord> out) throws Exception {
        String room = done.roomId();
        SessionWriting current = session.value();
        if (current == null || !current.sessionId().equals(done.sessionId())) {
            current = SessionWriting.start(done.sessionId(), done.startUs()); // nothing was mixed
        }
        uploads.awaitRoom(room);
        List<SegmentRecord> written = new ArrayList<>();
        segments.get().forEach(written::add);
        List<TrackState> all = new ArrayList<>();
        tracks.values().forEach(all::add);
        List<ArchivedObject> objects =
                new SessionArchiver(store, uploads.pool(), aacTrack)
                        .archive(room, current, done.endUs(), written, all);
        for (ArchivedObject o : objects) {
            if (o.kind().equals(ArchivedObject.TRACK)) {
                out.collect(RecordingEvents.track(room, done.sessionId(), o));
            } else if (o.kind().equals(ArchivedObject.MASTER)) {
                out.collect(RecordingEvents.master(room, done.sessionId(), o));
            }
        }
        out.collect(
                RecordingEvents.finalized(
                        room, done.sessionId(), done.startUs(), done.endUs(), objects));
        sessionsArchived.inc();
        playlists.forget(room, done.sessionId());
        session.clear();
        segments.clear();
        tracks.clear();
        archivedSinceSnapshot.add(ObjectKeys.workPrefix(room, done.sessionId()));
        LOG.info(
                "room {} session {} archived: {} segments, {} tracks, {} s, manifest {}",
                room,
                done.sessionId(),
                written.size(),
                all.size(),
                (done.endUs() - done.startUs()) / 1e6,
                ObjectKeys.manifest(room, done.sessionId()));
    }

    /** The session's live playlist from its segments. */
    static HlsPlaylist playlist(long startUs, List<SegmentRecord> segments) {
        List<HlsPlaylist.Segment> listed = new ArrayList<>();
        for (SegmentRecord s : segments) {
            String name = s.key().substring(s.key().lastIndexOf('/') + 1);
            listed.add(new HlsPlaylist.Segment(name, s.durationSamples(), MixEncoder.RATE));
        }
        return new HlsPlaylist("init.mp4", startUs, listed);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        cleanupState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("workToDelete", Types.STRING));
        archivedSinceSnapshot = new ArrayList<>();
        cleanupAfter = new LinkedHashMap<>();
        List<String> restored = new ArrayList<>();
        cleanupState.get().forEach(restored::add);
        if (!restored.isEmpty()) {
            cleanupAfter.put(Long.MIN_VALUE, restored); // due at the next completed checkpoint
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        uploads.awaitAll(); // the checkpoint covers every object written before it
        if (!archivedSinceSnapshot.isEmpty()) {
            cleanupAfter.put(context.getCheckpointId(), archivedSinceSnapshot);
            archivedSinceSnapshot = new ArrayList<>();
        }
        List<String> pending = new ArrayList<>();
        cleanupAfter.values().forEach(pending::addAll);
        cleanupState.update(pending);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        var due = cleanupAfter.entrySet().iterator();
        while (due.hasNext()) {
            var entry = due.next();
            if (entry.getKey() <= checkpointId) {
                for (String prefix : entry.getValue()) {
                    uploads.pool().execute(() -> deleteWork(prefix));
                }
                due.remove();
            }
        }
    }

    private void deleteWork(String prefix) {
        try {
            for (var info : store.list(prefix)) {
                store.delete(info.key());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not delete the work objects under {} (they are only clutter): {}",
                    prefix,
                    e.getMessage());
        }
    }
}
