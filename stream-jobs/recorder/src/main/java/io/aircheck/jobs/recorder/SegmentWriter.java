package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.media.AacTrack;
import io.aircheck.media.Fmp4Audio;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.ObjectKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one chunk's objects in the archive: its work object, its live HLS segment (the init segment
 * before the first) and then the live playlist that lists it, in that order per room, in the
 * background ({@link Uploads}).
 */
final class SegmentWriter {
    private final ObjectStore store;
    private final Uploads uploads;
    private final AacTrack aac;
    private final LivePlaylists playlists;

    SegmentWriter(ObjectStore store, Uploads uploads, AacTrack aac, LivePlaylists playlists) {
        this.store = store;
        this.uploads = uploads;
        this.aac = aac;
        this.playlists = playlists;
    }

    /**
     * @param presentedStart the segment's first presented sample, from the session's start
     * @param presentedEnd after its last
     * @param before the session's segments so far
     * @return the segment's record, or null when the chunk added no AAC packets
     */
    SegmentRecord write(
            String room,
            String sessionId,
            long sessionStartUs,
            long index,
            MixEncoder.Encoded encoded,
            long presentedStart,
            long presentedEnd,
            byte[] work,
            List<SegmentRecord> before) {
        List<Uploads.Task> parallel = new ArrayList<>();
        parallel.add(
                () ->
                        store.put(
                                ObjectKeys.workChunk(room, sessionId, index),
                                work,
                                "application/octet-stream"));
        if (index == 0) {
            byte[] init = Fmp4Audio.initSegment(aac);
            parallel.add(
                    () ->
                            store.put(
                                    ObjectKeys.hlsInit(room, sessionId),
                                    init,
                                    SessionArchiver.SEGMENT_TYPE));
        }
        SegmentRecord record = null;
        List<SegmentRecord> listed = new ArrayList<>(before);
        if (!encoded.aac().isEmpty()) {
            byte[] segment =
                    Fmp4Audio.mediaSegment(
                            index + 1, encoded.firstAac() * AacTrack.FRAME_SAMPLES, encoded.aac());
            String key = ObjectKeys.hlsSegment(room, sessionId, index);
            record =
                    new SegmentRecord(
                            index,
                            key,
                            segment.length,
                            RecordingEvents.sha256(segment),
                            presentedEnd - presentedStart,
                            sessionStartUs + presentedStart * 1_000_000L / MixEncoder.RATE);
            parallel.add(() -> store.put(key, segment, SessionArchiver.SEGMENT_TYPE));
            listed.add(record);
        }
        HlsPlaylist live = SegmentRecord.playlist(sessionStartUs, listed);
        uploads.submit(room, parallel, () -> playlists.publish(room, sessionId, live));
        return record;
    }

    /** The segment as its event announces it. */
    ArchivedObject announced(SegmentRecord record) {
        return new ArchivedObject(
                ArchivedObject.SEGMENT,
                new StoredObject(
                        store.bucket(), record.key(), record.sizeBytes(), record.sha256(), ""),
                SessionArchiver.SEGMENT_TYPE,
                record.durationUs(),
                record.startUs(),
                "",
                "");
    }
}
