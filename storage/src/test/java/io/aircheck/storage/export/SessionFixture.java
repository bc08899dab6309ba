package io.aircheck.storage.export;

import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import io.aircheck.storage.testing.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded room session in a store: masters, tracks, transcript, events, the recorder's manifest.
 */
final class SessionFixture {
    static final long START_US = 1_780_000_000_000_000L;

    private SessionFixture() {}

    /** Writes the session; {@code filler} sizes the audio files. Returns the keys written. */
    static List<String> write(ObjectStore store, String room, String session, int filler) {
        List<ManifestEntry> entries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        byte[] master = AudioBytes.oggOpus(12.5, 312, filler);
        byte[] m4a = AudioBytes.mp4(12_521, filler);
        byte[] alice = AudioBytes.oggOpus(7.25, 312, filler / 2);
        byte[] bob = AudioBytes.oggOpus(5.0, 312, filler / 3);
        entries.add(
                entry(
                        ObjectKeys.track(room, session, "alice", "opus"),
                        "track",
                        "audio/ogg",
                        alice,
                        7_250_000,
                        "alice"));
        entries.add(
                entry(
                        ObjectKeys.track(room, session, "bob", "opus"),
                        "track",
                        "audio/ogg",
                        bob,
                        5_000_000,
                        "bob"));
        entries.add(
                entry(
                        ObjectKeys.mixMaster(room, session, MasterFormat.OPUS),
                        "master",
                        "audio/ogg",
                        master,
                        12_500_000,
                        ""));
        entries.add(
                entry(
                        ObjectKeys.mixMaster(room, session, MasterFormat.M4A),
                        "master",
                        "audio/mp4",
                        m4a,
                        12_521_000,
                        ""));
        put(store, keys, ObjectKeys.track(room, session, "alice", "opus"), alice);
        put(store, keys, ObjectKeys.track(room, session, "bob", "opus"), bob);
        put(store, keys, ObjectKeys.mixMaster(room, session, MasterFormat.OPUS), master);
        put(store, keys, ObjectKeys.mixMaster(room, session, MasterFormat.M4A), m4a);
        put(
                store,
                keys,
                ObjectKeys.transcript(room, session, "vtt"),
                "WEBVTT\n\nseg-1\n00:00:00.000 --> 00:00:02.000\n<v Alice>hello there\n\n"
                        .getBytes(StandardCharsets.UTF_8));
        put(
                store,
                keys,
                ObjectKeys.transcript(room, session, "json"),
                "{\"segments\":[{\"text\":\"hello there\"}]}".getBytes(StandardCharsets.UTF_8));
        put(
                store,
                keys,
                ObjectKeys.eventLog(room, session),
                "{\"roomOpened\":{}}\n{\"roomClosed\":{}}\n".getBytes(StandardCharsets.UTF_8));
        put(
                store,
                keys,
                ObjectKeys.timeline(room, session),
                "{\"participants\":[]}".getBytes(StandardCharsets.UTF_8));
        Manifest manifest = Manifest.of(room, session, START_US, START_US + 12_500_000, entries);
        put(
                store,
                keys,
                ObjectKeys.manifest(room, session),
                ManifestJson.write(manifest).getBytes(StandardCharsets.UTF_8));
        // not bundled: HLS and the recorders' work
        store.put(
                ObjectKeys.hlsSegment(room, session, 0), new byte[] {1, 2, 3}, "video/iso.segment");
        store.put(
                ObjectKeys.vodPlaylist(room, session),
                "#EXTM3U\n".getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        store.put(ObjectKeys.mixChunk(room, session, 0), new byte[] {9, 9}, "audio/flac");
        return keys;
    }

    static ExportRequest request(String exportId, String room, String session) {
        return new ExportRequest(
                exportId,
                "CASE-2026-0042",
                "ann (auditor)",
                Instant.parse("2026-05-05T12:00:00.700Z"),
                ExportScope.session(room, session),
                List.of(new ExportRequest.Session(room, session)));
    }

    private static void put(ObjectStore store, List<String> keys, String key, byte[] bytes) {
        store.put(key, bytes, BundleContents.contentType(key));
        keys.add(key);
    }

    private static ManifestEntry entry(
            String key,
            String kind,
            String type,
            byte[] bytes,
            long durationUs,
            String participant) {
        return new ManifestEntry(
                key,
                kind,
                type,
                bytes.length,
                durationUs,
                START_US,
                participant,
                "",
                MemoryObjectStore.sha256(bytes));
    }

    static MemoryObjectStore store() {
        return new MemoryObjectStore();
    }
}
