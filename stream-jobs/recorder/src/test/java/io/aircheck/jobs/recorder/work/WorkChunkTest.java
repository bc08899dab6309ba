package io.aircheck.jobs.recorder.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkChunkTest {
    @Test
    void roundTripsEveryPacketInOrder() {
        Map<String, List<byte[]>> tracks = new LinkedHashMap<>();
        tracks.put("alice/mic", List.of(new byte[] {1, 2, 3}, new byte[0]));
        tracks.put("bob/mic", List.of(new byte[1275]));
        WorkChunk chunk =
                new WorkChunk(
                        7,
                        List.of(new byte[] {9}, new byte[] {8, 8}),
                        List.of(new byte[300]),
                        tracks);

        WorkChunk back = WorkChunk.fromBytes(chunk.toBytes());
        assertThat(back.index()).isEqualTo(7);
        assertThat(back.mixOpus()).containsExactly(new byte[] {9}, new byte[] {8, 8});
        assertThat(back.mixAac()).singleElement().satisfies(p -> assertThat(p).hasSize(300));
        assertThat(back.tracks()).containsOnlyKeys("alice/mic", "bob/mic");
        assertThat(back.tracks().get("alice/mic"))
                .containsExactly(new byte[] {1, 2, 3}, new byte[0]);
        assertThat(List.copyOf(back.tracks().keySet())).containsExactly("alice/mic", "bob/mic");
    }

    @Test
    void refusesWhatIsNotAWorkChunk() {
        byte[] bytes = new WorkChunk(1, List.of(new byte[10]), List.of(), Map.of()).toBytes();
        assertThatThrownBy(() -> WorkChunk.fromBytes(new byte[] {1, 2, 3, 4, 5}))
                .hasMessageContaining("not a recorder work chunk");
        assertThatThrownBy(
                        () -> WorkChunk.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .hasMessageContaining("truncated");
    }
}
