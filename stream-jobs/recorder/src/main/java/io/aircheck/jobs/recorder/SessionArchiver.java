package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.jobs.recorder.track.TrackState;
import io.aircheck.media.AacTrack;
import io.aircheck.media.Fmp4Audio;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Finishes a room session's archive when the room closes: the M4A master, the Ogg Opus master (when
 * the session was encoded for one: {@link SessionRemux}) and every speaker's Ogg Opus track, each a
 * concatenation of the packets the work objects hold (a remux: the encoding happened while the room
 * was live, so this takes about as long as reading them), the closed live playlist and the VOD
 * playlist, and the manifest of everything with its hash chain. Reads the work objects a few at a
 * time ahead, writes local files, uploads them concurrently.
 */
final class SessionArchiver {
    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String SEGMENT_TYPE = "audio/mp4";

    private final ObjectStore store;
    private final ExecutorService pool;
    private final AacTrack aac;

    SessionArchiver(ObjectStore store, ExecutorService pool, AacTrack aac) {
        this.store = store;
        this.pool = pool;
        this.aac = aac;
    }

    /** Every object of the session, the manifest last. */
    List<ArchivedObject> archive(
            String room,
            SessionWriting session,
            long endUs,
            List<SegmentRecord> segments,
            Collection<TrackState> tracks)
            throws Exception {
        String sessionId = session.sessionId();
        if (session.chunksWritten() == 0) { // the room closed as it opened: nothing to play
            return List.of(manifest(room, sessionId, session.startUs(), endUs, List.of()));
        }
        long samples = session.tailEnd(); // the mix's length: where its last chunk ended
        Path dir = Files.createTempDirectory("aircheck-archive-");
        try {
            List<TrackState> sorted =
                    tracks.stream().sorted(Comparator.comparing(TrackState::key)).toList();
            Map<String, Path> trackFiles = new LinkedHashMap<>();
            Path opus = dir.resolve("room.opus");
            Path m4a = dir.resolve("room.m4a");
            boolean opusMaster =
                    new SessionRemux(store, pool, aac)
                            .remux(room, session, samples, sorted, dir, opus, m4a, trackFiles);

            List<ArchivedObject> objects = new ArrayList<>();
            objects.add(init(room, sessionId, session.startUs()));
            for (SegmentRecord s : segments) {
                objects.add(
                        new ArchivedObject(
                                ArchivedObject.SEGMENT,
                                new StoredObject(
                                        store.bucket(), s.key(), s.sizeBytes(), s.sha256(), ""),
                                SEGMENT_TYPE,
                                s.durationUs(),
                                s.startUs(),
                                "",
                                ""));
            }
            long durationUs = samples * 1_000_000L / MixEncoder.RATE;
            HlsPlaylist playlist = SegmentRecord.playlist(session.startUs(), segments);
            objects.add(
                    putText(
                            ObjectKeys.livePlaylist(room, sessionId),
                            playlist.render(HlsPlaylist.Type.ENDED),
                            durationUs,
                            session.startUs()));
            objects.add(
                    putText(
                            ObjectKeys.vodPlaylist(room, sessionId),
                            playlist.render(HlsPlaylist.Type.VOD),
                            durationUs,
                            session.startUs()));

            List<CompletableFuture<ArchivedObject>> puts = new ArrayList<>();
            if (opusMaster) {
                puts.add(putMaster(room, session, MasterFormat.OPUS, opus, durationUs));
            }
            puts.add(putMaster(room, session, MasterFormat.M4A, m4a, durationUs));
            for (TrackState track : sorted) {
                puts.add(
                        put(
                                trackKey(room, sessionId, track, sorted),
                                trackFiles.get(track.key()),
                                MasterFormat.OPUS.contentType(),
                                ArchivedObject.TRACK,
                                track.durationUs(),
                                track.offsetUs(),
                                track));
            }
            for (CompletableFuture<ArchivedObject> put : puts) {
                objects.add(put.join());
            }
            objects.add(manifest(room, sessionId, session.startUs(), endUs, objects));
            return objects;
        } finally {
            deleteTree(dir);
        }
    }

    private ArchivedObject init(String room, String sessionId, long startUs) {
        byte[] bytes = Fmp4Audio.initSegment(aac);
        return new ArchivedObject(
                ArchivedObject.INIT,
                new StoredObject(
                        store.bucket(),
                        ObjectKeys.hlsInit(room, sessionId),
                        bytes.length,
                        RecordingEvents.sha256(bytes),
                        ""),
                SEGMENT_TYPE,
                0,
                startUs,
                "",
                "");
    }

    private ArchivedObject putText(String key, String text, long durationUs, long startUs) {
        StoredObject stored = store.put(key, text.getBytes(StandardCharsets.UTF_8), PLAYLIST_TYPE);
        return new ArchivedObject(
                ArchivedObject.PLAYLIST, stored, PLAYLIST_TYPE, durationUs, startUs, "", "");
    }

    private CompletableFuture<ArchivedObject> putMaster(
            String room, SessionWriting session, MasterFormat format, Path file, long durationUs) {
        return put(
                ObjectKeys.mixMaster(room, session.sessionId(), format),
                file,
                format.contentType(),
                ArchivedObject.MASTER,
                durationUs,
                session.startUs(),
                null);
    }

    private CompletableFuture<ArchivedObject> put(
            String key,
            Path file,
            String type,
            String kind,
            long durationUs,
            long startUs,
            TrackState track) {
        return CompletableFuture.supplyAsync(
                () ->
                        new ArchivedObject(
                                kind,
                                store.put(key, file, type),
                                type,
                                durationUs,
                                startUs,
                                track == null ? "" : track.participantId(),
                                track == null ? "" : track.trackId()),
                pool);
    }

    private ArchivedObject manifest(
            String room, String sessionId, long startUs, long endUs, List<ArchivedObject> objects) {
        List<ManifestEntry> entries = objects.stream().map(ArchivedObject::entry).toList();
        String json = ManifestJson.write(Manifest.of(room, sessionId, startUs, endUs, entries));
        StoredObject stored =
                store.put(
                        ObjectKeys.manifest(room, sessionId),
                        json.getBytes(StandardCharsets.UTF_8),
                        "application/json");
        return new ArchivedObject("manifest", stored, "application/json", 0, startUs, "", "");
    }

    /** tracks/{participant}.opus, or tracks/{participant}/{track}.opus for several. */
    static String trackKey(String room, String sessionId, TrackState track, List<TrackState> all) {
        long ofParticipant =
                all.stream().filter(t -> t.participantId().equals(track.participantId())).count();
        return ofParticipant == 1
                ? ObjectKeys.track(room, sessionId, track.participantId(), "opus")
                : ObjectKeys.track(room, sessionId, track.participantId(), track.trackId(), "opus");
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp file is not worth failing an archived session for
        }
    }
}
