package io.aircheck.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomQueryTest {

    @Test
    void allMatchesEverythingOnTheFirstPage() {
        RoomQuery all = RoomQuery.all();
        assertThat(all.liveFilter()).isEmpty();
        assertThat(all.roomFilter()).isEmpty();
        assertThat(all.speakerFilter()).isEmpty();
        assertThat(all.from()).isZero();
        assertThat(all.size()).isEqualTo(RoomQuery.DEFAULT_SIZE);
    }

    @Test
    void filtersCombine() {
        RoomQuery q = RoomQuery.all().withLive(true).withRoomId("r1").withSpeakerId("alice");
        assertThat(q.liveFilter()).contains(true);
        assertThat(q.roomFilter()).contains("r1");
        assertThat(q.speakerFilter()).contains("alice");
        assertThat(q.withRoomId(" ").roomFilter()).isEmpty();
    }

    @Test
    void pagingIsBounded() {
        assertThat(RoomQuery.all().page(9_900, 100).from()).isEqualTo(9_900);
        assertThatThrownBy(() -> RoomQuery.all().page(-1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
        assertThatThrownBy(() -> RoomQuery.all().page(0, 0))
                .hasMessageContaining("size must be 1..100");
        assertThatThrownBy(() -> RoomQuery.all().page(0, 101))
                .hasMessageContaining("size must be 1..100");
        assertThatThrownBy(() -> RoomQuery.all().page(9_950, 100))
                .hasMessageContaining("from + size must be <= 10000");
    }

    @Test
    void roomDocumentDerivesSpeakerIdsAndValidates() {
        RoomDocument room =
                new RoomDocument(
                        "r1",
                        "s1",
                        "Title",
                        "host",
                        "public",
                        List.of(
                                new RoomDocument.Speaker("alice", "Alice"),
                                new RoomDocument.Speaker("bob", "Bob"),
                                new RoomDocument.Speaker("alice", "Alice again")),
                        Instant.EPOCH,
                        null,
                        0,
                        true,
                        0,
                        Instant.EPOCH);
        assertThat(room.speakerIds()).containsExactly("alice", "bob");
        assertThatThrownBy(
                        () ->
                                new RoomDocument(
                                        "",
                                        "s1",
                                        null,
                                        null,
                                        null,
                                        null,
                                        Instant.EPOCH,
                                        null,
                                        0,
                                        true,
                                        0,
                                        Instant.EPOCH))
                .hasMessageContaining("roomId");
        assertThatThrownBy(() -> new VersionedRoom(room, -1)).hasMessageContaining("version");
    }
}
