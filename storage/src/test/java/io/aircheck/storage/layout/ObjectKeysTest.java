package io.aircheck.storage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {
    private static final String ROOM = "room-42";
    private static final String SESSION = "s_2026.11.25";

    @Test
    void sessionAndRoomPrefixes() {
        assertThat(ObjectKeys.session(ROOM, SESSION)).isEqualTo("rooms/room-42/s_2026.11.25/");
        assertThat(ObjectKeys.room(ROOM)).isEqualTo("rooms/room-42/");
        assertThat(ObjectKeys.session(ROOM, SESSION)).startsWith(ObjectKeys.room(ROOM));
    }

    @Test
    void everyKeyOfASession() {
        String p = "rooms/room-42/s_2026.11.25/";
        assertThat(ObjectKeys.eventLog(ROOM, SESSION)).isEqualTo(p + "events.ndjson");
        assertThat(ObjectKeys.timeline(ROOM, SESSION)).isEqualTo(p + "timeline.json");
        assertThat(ObjectKeys.manifest(ROOM, SESSION)).isEqualTo(p + "manifest.json");
        assertThat(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.OPUS))
                .isEqualTo(p + "mix/room.opus");
        assertThat(ObjectKeys.mixMaster(ROOM, SESSION, MasterFormat.M4A))
                .isEqualTo(p + "mix/room.m4a");
        assertThat(ObjectKeys.mixChunk(ROOM, SESSION, 7))
                .isEqualTo(p + "mix/work/chunk-000007.flac");
        assertThat(ObjectKeys.livePlaylist(ROOM, SESSION)).isEqualTo(p + "mix/live.m3u8");
        assertThat(ObjectKeys.vodPlaylist(ROOM, SESSION)).isEqualTo(p + "mix/vod.m3u8");
        assertThat(ObjectKeys.hlsInit(ROOM, SESSION)).isEqualTo(p + "mix/init.mp4");
        assertThat(ObjectKeys.hlsSegment(ROOM, SESSION, 0)).isEqualTo(p + "mix/seg-000000.m4s");
        assertThat(ObjectKeys.hlsSegment(ROOM, SESSION, 1234567))
                .isEqualTo(p + "mix/seg-1234567.m4s");
        assertThat(ObjectKeys.track(ROOM, SESSION, "alice@example", "opus"))
                .isEqualTo(p + "tracks/alice@example.opus");
        assertThat(ObjectKeys.transcript(ROOM, SESSION, "VTT")).isEqualTo(p + "transcript.vtt");
        assertThat(ObjectKeys.transcript(ROOM, SESSION, "json")).isEqualTo(p + "transcript.json");
    }

    @Test
    void recorderKeysForSeveralTracksAndWorkObjects() {
        String p = "rooms/room-42/s_2026.11.25/";
        assertThat(ObjectKeys.track(ROOM, SESSION, "alice", "screen-audio", "opus"))
                .isEqualTo(p + "tracks/alice/screen-audio.opus");
        assertThat(ObjectKeys.workPrefix(ROOM, SESSION)).isEqualTo(p + "work/");
        assertThat(ObjectKeys.workChunk(ROOM, SESSION, 12)).isEqualTo(p + "work/chunk-000012.bin");
        assertThatThrownBy(() -> ObjectKeys.track(ROOM, SESSION, "alice", "a/b", "opus"))
                .hasMessageContaining("track id");
    }

    @Test
    void keysAreDeterministic() {
        assertThat(ObjectKeys.hlsSegment(ROOM, SESSION, 3))
                .isEqualTo(ObjectKeys.hlsSegment(ROOM, SESSION, 3));
    }

    @Test
    void segmentAndChunkNumbersSortInKeyOrder() {
        assertThat(ObjectKeys.hlsSegment(ROOM, SESSION, 9))
                .isLessThan(ObjectKeys.hlsSegment(ROOM, SESSION, 10));
        assertThat(ObjectKeys.mixChunk(ROOM, SESSION, 99))
                .isLessThan(ObjectKeys.mixChunk(ROOM, SESSION, 100));
    }

    @Test
    void negativeIndexesAreRejected() {
        assertThatThrownBy(() -> ObjectKeys.hlsSegment(ROOM, SESSION, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative index -1");
        assertThatThrownBy(() -> ObjectKeys.mixChunk(ROOM, SESSION, -5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", ".", "...", "a/b", "/", "a\\b", "room 1", "r%2F", "é", "a:b"})
    void unsafeIdsAreRejectedEverywhere(String id) {
        assertThat(ObjectKeys.isSafeId(id)).isFalse();
        assertThatThrownBy(() -> ObjectKeys.session(id, SESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("room id");
        assertThatThrownBy(() -> ObjectKeys.session(ROOM, id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session id");
        assertThatThrownBy(() -> ObjectKeys.track(ROOM, SESSION, id, "opus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participant id");
        assertThatThrownBy(() -> ObjectKeys.room(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idLengthIsAtMost128() {
        assertThat(ObjectKeys.isSafeId("a".repeat(128))).isTrue();
        assertThat(ObjectKeys.isSafeId("a".repeat(129))).isFalse();
        assertThatThrownBy(() -> ObjectKeys.eventLog("a".repeat(129), SESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A1", "room-1", "s_1", "v1.2", "alice@example.org", "..a", "a.."})
    void safeIdsAreAccepted(String id) {
        assertThat(ObjectKeys.isSafeId(id)).isTrue();
        assertThat(ObjectKeys.requireSafeId("room id", id)).isEqualTo(id);
    }
}
