package io.aircheck.jobs.recorder;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.jobs.recorder.track.TrackState;
import io.aircheck.jobs.recorder.work.WorkChunk;
import io.aircheck.media.AacTrack;
import io.aircheck.storage.ObjectStore;
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
    private final RecorderSettings settings;

    private transient ValueState<SessionWriting> session;
    private transient ListState<SegmentRecord> segments;
    private transient MapState<String, TrackState> tracks;
    private transient ListState<String> cleanupState;
    private transient WorkCleanup cleanup;
    private transient ObjectStore store;
    private transient Uploads uploads;
    private transient MixEncoder encoder;
    private transient TrackEncoder trackEncoder;
    private transient AacTrack aacTrack;
    private transient LivePlaylists playlists;
    private transient SegmentWriter segmentWriter;
    private transient Counter segmentsWritten;
    private transient Counter sessionsArchived;
    private transient Counter trackFramesDropped;

    /** A writer of chunks cut and coded as {@code settings} say. */
    public RecordingWriterFunction(ObjectStoreFactory storeFactory, RecorderSettings settings) {
        this.storeFactory = storeFactory;
        this.settings = settings;
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
        encoder = new MixEncoder(settings);
        trackEncoder = new TrackEncoder();
        aacTrack = MixEncoder.aacTrack();
        playlists = new LivePlaylists(store);
        segmentWriter = new SegmentWriter(store, uploads, aacTrack, playlists);
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
        long chunkStart = chunk.index() * settings.chunkSamples();
        short[] audio = current.audioWith(chunk.pcm());
        long audioStart = chunkStart - current.tail().length;
        MixEncoder.Encoded encoded = encoder.encode(chunk.index(), audio, audioStart, chunk.last());
        Map<String, List<byte[]>> trackPackets = encodeTracks(chunk);
        byte[] work =
                new WorkChunk(chunk.index(), encoded.opus(), encoded.aac(), trackPackets).toBytes();
        long presentedEnd =
                chunk.last()
                        ? chunkStart + chunk.pcm().length
                        : encoder.presentedStart(chunk.index() + 1);
        List<SegmentRecord> before = new ArrayList<>();
        segments.get().forEach(before::add);
        SegmentRecord record =
                segmentWriter.write(
                        room,
                        sessionId,
                        current.startUs(),
                        chunk.index(),
                        encoded,
                        encoder.presentedStart(chunk.index()),
                        presentedEnd,
                        work,
                        before);
        session.update(
                current.chunkWritten(
                        audio, chunkStart + chunk.pcm().length, encoder.tailSamples()));
        if (record != null) {
            segments.add(record);
            segmentsWritten.inc();
            out.collect(
                    RecordingEvents.segment(
                            room, sessionId, segmentWriter.announced(record), record.index()));
        }
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
        long began = System.nanoTime();
        uploads.awaitRoom(room);
        long uploaded = System.nanoTime();
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
        cleanup.archived(ObjectKeys.workPrefix(room, done.sessionId()));
        LOG.info(
                "room {} session {} archived: {} segments, {} tracks, {} s, manifest {};"
                        + " {} ms for the last uploads, {} ms to finish",
                room,
                done.sessionId(),
                written.size(),
                all.size(),
                (done.endUs() - done.startUs()) / 1e6,
                ObjectKeys.manifest(room, done.sessionId()),
                (uploaded - began) / 1_000_000,
                (System.nanoTime() - uploaded) / 1_000_000);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        cleanupState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("workToDelete", Types.STRING));
        cleanup = new WorkCleanup();
        List<String> restored = new ArrayList<>();
        cleanupState.get().forEach(restored::add);
        cleanup.restore(restored);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        uploads.awaitAll(); // the checkpoint covers every object written before it
        cleanupState.update(cleanup.snapshot(context.getCheckpointId()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        for (String prefix : cleanup.completed(checkpointId)) {
            uploads.pool().execute(() -> WorkCleanup.delete(store, prefix));
        }
    }
}
