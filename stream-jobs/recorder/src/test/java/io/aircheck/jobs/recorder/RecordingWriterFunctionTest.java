package io.aircheck.jobs.recorder;

import static io.aircheck.jobs.recorder.RoomAudio.ROOM;
import static io.aircheck.jobs.recorder.RoomAudio.SESSION;
import static io.aircheck.jobs.recorder.RoomAudio.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.jobs.recorder.work.WorkChunk;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.storage.layout.MasterFormat;
import io.aircheck.storage.layout.ObjectKeys;
import io.aircheck.storage.manifest.Manifest;
import io.aircheck.storage.manifest.ManifestEntry;
import io.aircheck.storage.manifest.ManifestJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer on a test harness: live segments and playlist as chunks come in, the archive at the
 * end, restore from a snapshot, and the work objects' cleanup after a checkpoint.
 */
class RecordingWriterFunctionTest {
    /** 1 s chunks, 0.5 s allowance, both masters. */
    private static final RecorderSettings SETTINGS =
            new RecorderSettings(48_000, 1_000, 500).withOpusMaster(true);

    private static final long END_US = T0 + 4_730_000L;
    private static final Map<String, InMemoryObjectStore> STORES = new ConcurrentHashMap<>();

    /** alice (Opus, two packets lost) from 0.3 s; bob (PCM 16 kHz) from 1.5 s to 4 s. */
    private static List<MixOutput> mixedRoom() throws Exception {
        List<Frame> frames =
                new RoomAudio()
                        .opus("alice", T0 + 300_000, RoomAudio.tone(440, 3.0, 48_000, 0.3), 40, 41)
                        .pcm("bob", T0 + 1_500_000, RoomAudio.tone(660, 2.5, 16_000, 0.3), 16_000)
                        .session(END_US);
        var mixer =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new MixFunction(SETTINGS, new StandardFrameDecoders())),
                        Frame::roomId,
                        Types.STRING);
        mixer.open();
        for (Frame f : frames) {
            mixer.processElement(new StreamRecord<>(f));
        }
        List<MixOutput> out = new ArrayList<>(mixer.extractOutputValues());
        mixer.close();
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MixOutput, OutboundRecord> writer(
            String store) throws Exception {
        return writer(store, SETTINGS);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MixOutput, OutboundRecord> writer(
            String store, RecorderSettings settings) throws Exception {
        STORES.putIfAbsent(store, new InMemoryObjectStore());
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new RecordingWriterFunction(() -> STORES.get(store), settings)),
                MixOutput::roomId,
                Types.STRING);
    }

    private static List<RecordingEvent> events(List<OutboundRecord> records) throws Exception {
        List<RecordingEvent> events = new ArrayList<>();
        for (OutboundRecord r : records) {
            events.add(RecordingEvent.parseFrom(r.value()));
        }
        return events;
    }

    private static String text(InMemoryObjectStore store, String key) {
        return new String(store.get(key), StandardCharsets.UTF_8);
    }

    @Test
    void writesLiveSegmentsAsTheRoomGoesAndArchivesEverythingAtTheEnd() throws Exception {
        List<MixOutput> mixed = mixedRoom();
        var harness = writer("live");
        InMemoryObjectStore store = STORES.get("live");
        harness.open();
        String live = ObjectKeys.livePlaylist(ROOM, SESSION);
        long checkpoint = 0;
        int listedBefore = 0;
        for (MixOutput m : mixed) {
            harness.processElement(new StreamRecord<>(m));
            harness.snapshot(++checkpoint, checkpoint); // waits for the uploads
            if (m.kind() == MixOutput.Kind.CHUNK && !m.last()) {
                String playlist = text(store, live);
                assertThat(HlsPlaylist.segmentCount(playlist)).isEqualTo(listedBefore + 1);
                assertThat(playlist)
                        .contains("#EXT-X-PLAYLIST-TYPE:EVENT")
                        .doesNotContain("ENDLIST");
                listedBefore++;
            }
        }
        List<RecordingEvent> events = events(harness.extractOutputValues());

        // every segment announced once, with the sha256 of what is stored
        List<RecordingEvent> segmentEvents =
                events.stream().filter(RecordingEvent::hasSegmentWritten).toList();
        assertThat(segmentEvents)
                .extracting(e -> e.getSegmentWritten().getIndex())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        for (RecordingEvent e : segmentEvents) {
            var s = e.getSegmentWritten();
            assertThat(RecordingEvents.sha256(store.get(s.getKey()))).isEqualTo(s.getSha256());
        }
        long total =
                segmentEvents.stream().mapToLong(e -> e.getSegmentWritten().getDurationUs()).sum();
        assertThat(total).isCloseTo(4_730_000L, within(1L * segmentEvents.size()));

        // the masters: Opus exactly the room's length, M4A within 20 ms
        AudioFileReader reader = new AudioFileReader();
        PcmAudio opus =
                reader.read(
                        store.get(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS)),
                        48_000,
                        1);
        assertThat(opus.frames()).isEqualTo(227_040); // 4.73 s
        PcmAudio m4a =
                reader.read(
                        store.get(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.M4A)),
                        48_000,
                        1);
        assertThat(Math.abs(m4a.frames() - 227_040)).isLessThanOrEqualTo(960);
        // the tracks: alice from 0.3 s for 3 s (lost packets concealed), bob 2.5 s
        PcmAudio alice =
                reader.read(store.get(ObjectKeys.track(ROOM, SESSION, "alice", "opus")), 48_000, 1);
        assertThat(alice.frames()).isEqualTo(150 * 960);
        PcmAudio bob =
                reader.read(store.get(ObjectKeys.track(ROOM, SESSION, "bob", "opus")), 48_000, 1);
        assertThat(bob.frames()).isEqualTo(120_000);

        // the playlists: closed live playlist, VOD
        assertThat(text(store, live)).endsWith("#EXT-X-ENDLIST\n");
        assertThat(text(store, ObjectKeys.vodPlaylist(ROOM, SESSION)))
                .contains("#EXT-X-PLAYLIST-TYPE:VOD");

        // the manifest lists every object with its real sha256, chained
        Manifest manifest = ManifestJson.read(text(store, ObjectKeys.manifest(ROOM, SESSION)));
        assertThat(manifest.verify()).isEmpty();
        assertThat(manifest.entries())
                .extracting(ManifestEntry::kind)
                .contains("init", "segment", "playlist", "master", "track");
        for (ManifestEntry e : manifest.entries()) {
            assertThat(RecordingEvents.sha256(store.get(e.key())))
                    .as(e.key())
                    .isEqualTo(e.sha256());
            assertThat(store.get(e.key()).length).isEqualTo((int) e.sizeBytes());
        }
        ManifestEntry aliceEntry =
                manifest.entry(ObjectKeys.track(ROOM, SESSION, "alice", "opus")).orElseThrow();
        assertThat(aliceEntry.startUs()).isEqualTo(T0 + 300_000);
        assertThat(aliceEntry.participantId()).isEqualTo("alice");

        // events: a track_written per speaker with its offset, two masters, then the session
        assertThat(
                        events.stream()
                                .filter(RecordingEvent::hasTrackWritten)
                                .map(e -> e.getTrackWritten().getStartUs()))
                .containsExactlyInAnyOrder(T0 + 300_000, T0 + 1_500_000);
        assertThat(events.stream().filter(RecordingEvent::hasMasterWritten)).hasSize(2);
        RecordingEvent finalized = events.get(events.size() - 1);
        assertThat(finalized.getRecordingFinalized().getObjects(0).getKey())
                .isEqualTo(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS));
        assertThat(
                        finalized.getRecordingFinalized().getEndUs()
                                - finalized.getRecordingFinalized().getStartUs())
                .isEqualTo(4_730_000L);

        // the work objects go once a checkpoint after the archive completes
        assertThat(store.list(ObjectKeys.workPrefix(ROOM, SESSION))).isNotEmpty();
        harness.snapshot(++checkpoint, checkpoint);
        harness.notifyOfCompletedCheckpoint(checkpoint);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> store.list(ObjectKeys.workPrefix(ROOM, SESSION)).isEmpty());
        harness.close();
    }

    @ParameterizedTest(name = "Opus master {0}")
    @ValueSource(booleans = {true, false})
    void aRestoreMidRoomRewritesTheSameObjectsAndAnnouncesEverySegmentOnce(boolean opusMaster)
            throws Exception {
        List<MixOutput> mixed = mixedRoom();
        RecorderSettings settings = SETTINGS.withOpusMaster(opusMaster);
        String whole = "whole-" + opusMaster;
        String restored = "restored-" + opusMaster;
        var uninterrupted = writer(whole, settings);
        uninterrupted.open();
        for (MixOutput m : mixed) {
            uninterrupted.processElement(new StreamRecord<>(m));
        }
        uninterrupted.snapshot(1, 1);
        List<RecordingEvent> wholeEvents = events(uninterrupted.extractOutputValues());
        uninterrupted.close();

        var first = writer(restored, settings);
        first.open();
        for (MixOutput m : mixed.subList(0, 3)) {
            first.processElement(new StreamRecord<>(m));
        }
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        List<OutboundRecord> committed = new ArrayList<>(first.extractOutputValues());
        // chunk 3 is written, then the job dies before the next checkpoint: its event is aborted
        first.processElement(new StreamRecord<>(mixed.get(3)));
        first.snapshot(2, 2); // (its uploads done; the checkpoint itself never completes)
        first.close();
        int listed =
                HlsPlaylist.segmentCount(
                        text(STORES.get(restored), ObjectKeys.livePlaylist(ROOM, SESSION)));
        assertThat(listed).isEqualTo(4);

        var second = writer(restored, settings);
        second.initializeState(checkpoint);
        second.open();
        for (MixOutput m : mixed.subList(3, mixed.size())) {
            second.processElement(new StreamRecord<>(m));
            second.snapshot(3, 3);
            // the live playlist never lists fewer segments than players already saw
            assertThat(
                            HlsPlaylist.segmentCount(
                                    text(
                                            STORES.get(restored),
                                            ObjectKeys.livePlaylist(ROOM, SESSION))))
                    .isGreaterThanOrEqualTo(listed);
        }
        committed.addAll(second.extractOutputValues());
        second.close();

        InMemoryObjectStore reference = STORES.get(whole);
        InMemoryObjectStore again = STORES.get(restored);
        assertThat(again.objects.keySet()).isEqualTo(reference.objects.keySet());
        assertThat(
                        reference.objects.containsKey(
                                ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS)))
                .isEqualTo(opusMaster);
        for (String key : reference.objects.keySet()) {
            assertThat(again.get(key)).as(key).isEqualTo(reference.get(key));
        }
        List<RecordingEvent> restoredEvents = events(committed);
        assertThat(
                        restoredEvents.stream()
                                .filter(RecordingEvent::hasSegmentWritten)
                                .map(e -> e.getSegmentWritten().getKey()))
                .containsExactlyElementsOf(
                        wholeEvents.stream()
                                .filter(RecordingEvent::hasSegmentWritten)
                                .map(e -> e.getSegmentWritten().getKey())
                                .toList());
        assertThat(restoredEvents).hasSameSizeAs(wholeEvents);
    }

    /** Every object key of the session, but the work objects. */
    private static List<String> archived(InMemoryObjectStore store) {
        return store.objects.keySet().stream()
                .filter(k -> !k.startsWith(ObjectKeys.workPrefix(ROOM, SESSION)))
                .sorted()
                .toList();
    }

    @Test
    void withoutTheOpusMasterTheSessionHasEverythingElseUnchanged() throws Exception {
        List<MixOutput> mixed = mixedRoom();
        var both = writer("both-masters");
        var m4aOnly = writer("m4a-only", SETTINGS.withOpusMaster(false));
        both.open();
        m4aOnly.open();
        for (MixOutput m : mixed) {
            both.processElement(new StreamRecord<>(m));
            m4aOnly.processElement(new StreamRecord<>(m));
        }
        both.snapshot(1, 1);
        m4aOnly.snapshot(1, 1);
        List<RecordingEvent> events = events(m4aOnly.extractOutputValues());
        both.close();
        m4aOnly.close();

        InMemoryObjectStore full = STORES.get("both-masters");
        InMemoryObjectStore store = STORES.get("m4a-only");
        String opusKey = ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS);
        String manifestKey = ObjectKeys.manifest(ROOM, SESSION);
        // the same segments, playlists, M4A and tracks, byte for byte; no Opus master
        assertThat(archived(store))
                .containsExactlyElementsOf(
                        archived(full).stream().filter(k -> !k.equals(opusKey)).toList());
        for (String key : archived(store)) {
            if (!key.equals(manifestKey)) {
                assertThat(store.get(key)).as(key).isEqualTo(full.get(key));
            }
        }
        assertTheM4aIsTheOnlyMaster(store, events);
        Manifest manifest = ManifestJson.read(text(store, manifestKey));
        assertThat(manifest.verify()).isEmpty();
        assertThat(manifest.entry(opusKey)).isEmpty();
        // the work objects hold no Opus packets of the mix
        List<String> work =
                store.objects.keySet().stream()
                        .filter(k -> k.startsWith(ObjectKeys.workPrefix(ROOM, SESSION)))
                        .toList();
        assertThat(work).isNotEmpty();
        for (String key : work) {
            assertThat(WorkChunk.fromBytes(store.get(key)).mixOpus()).as(key).isEmpty();
        }
    }

    @Test
    void aSessionWhoseOpusSettingChangedMidRoomGetsNoOpusMasterButAWholeM4a() throws Exception {
        List<MixOutput> mixed = mixedRoom();
        var first = writer("changed");
        first.open();
        for (MixOutput m : mixed.subList(0, 3)) {
            first.processElement(new StreamRecord<>(m));
        }
        OperatorSubtaskState checkpoint = first.snapshot(1, 1);
        List<OutboundRecord> committed = new ArrayList<>(first.extractOutputValues());
        first.close();
        // restarted from that checkpoint with AIRCHECK_RECORDER_OPUS_MASTER=false
        var second = writer("changed", SETTINGS.withOpusMaster(false));
        second.initializeState(checkpoint);
        second.open();
        for (MixOutput m : mixed.subList(3, mixed.size())) {
            second.processElement(new StreamRecord<>(m));
        }
        second.snapshot(2, 2);
        committed.addAll(second.extractOutputValues());
        second.close();

        assertTheM4aIsTheOnlyMaster(STORES.get("changed"), events(committed));
    }

    /** The M4A master is whole (the room's 4.73 s within 20 ms) and the only master announced. */
    private static void assertTheM4aIsTheOnlyMaster(
            InMemoryObjectStore store, List<RecordingEvent> events) throws Exception {
        String m4aKey = ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.M4A);
        PcmAudio m4a = new AudioFileReader().read(store.get(m4aKey), 48_000, 1);
        assertThat(Math.abs(m4a.frames() - 227_040)).isLessThanOrEqualTo(960);
        assertThat(store.objects)
                .doesNotContainKey(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS));
        assertThat(
                        events.stream()
                                .filter(RecordingEvent::hasMasterWritten)
                                .map(e -> e.getMasterWritten().getKey()))
                .containsExactly(m4aKey);
    }
}
