package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpusPacketsTest {

    @Test
    void durationsFromTheTableOfContents() {
        assertThat(OpusPackets.samples(new byte[] {(byte) (1 << 3)}))
                .isEqualTo(960); // SILK NB 20 ms
        assertThat(OpusPackets.samples(new byte[] {(byte) (3 << 3)})).isEqualTo(2880); // SILK 60 ms
        assertThat(OpusPackets.samples(new byte[] {(byte) (13 << 3 | 1), 0}))
                .isEqualTo(1920); // hybrid 2x20
        assertThat(OpusPackets.samples(new byte[] {(byte) (28 << 3 | 3), 5}))
                .isEqualTo(600); // CELT 5x2.5
        assertThat(OpusPackets.samples(new byte[] {(byte) (31 << 3 | 3), 7}))
                .isZero(); // 140 ms: invalid
        assertThat(OpusPackets.samples(new byte[0])).isZero();
        assertThat(OpusPackets.samples(null)).isZero();
    }

    @Test
    void lostAudioIsZeroLengthFramesOfTheTrackModeWithACeltRemainder() {
        int silkWideband20ms = 9 << 3 | 0x4; // SILK WB 20 ms, stereo
        List<byte[]> packets = OpusPackets.lost(silkWideband20ms, 300 * 960 + 600);
        assertThat(packets.stream().mapToInt(OpusPackets::samples).sum())
                .isEqualTo(300 * 960 + 600);
        assertThat(packets).allSatisfy(p -> assertThat(p).hasSize(2)); // TOC + frame count, no data
        assertThat(packets).allSatisfy(p -> assertThat(p[0] & 0x4).isEqualTo(0x4)); // stays stereo
        assertThat(packets.get(0)[0] >> 3 & 0x1f).isEqualTo(9);
        assertThat(packets.get(packets.size() - 1)[0] >> 3 & 0x1f).isEqualTo(28); // 2.5 ms CELT
        assertThat(OpusPackets.lost(-1, 0)).isEmpty();
        assertThat(OpusPackets.lost(-1, 960))
                .singleElement()
                .satisfies(p -> assertThat(OpusPackets.samples(p)).isEqualTo(960));
        assertThatThrownBy(() -> OpusPackets.lost(-1, 100)).hasMessageContaining("multiple of 120");
    }

    @Test
    void lostPacketsDecodeToConcealmentOfTheRightLength() throws Exception {
        try (OpusPacketDecoder decoder = new OpusPacketDecoder(48_000, 1)) {
            int total = 0;
            for (byte[] p : OpusPackets.lost(-1, 5 * 960 + 240)) {
                total += decoder.decode(p).length;
            }
            assertThat(total).isEqualTo(5 * 960 + 240);
        }
    }
}
