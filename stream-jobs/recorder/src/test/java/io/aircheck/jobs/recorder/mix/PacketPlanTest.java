package io.aircheck.jobs.recorder.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketPlanTest {
    /** AAC: 1,024-sample packets, 4 s chunks at 48 kHz, one frame of lag, 4 of warm-up, priming. */
    private static final PacketPlan AAC = new PacketPlan(1024, 192_000, 1, 4, 1);

    /** Opus: 960-sample packets fit a 4 s chunk exactly, no lag, 8 frames of warm-up. */
    private static final PacketPlan OPUS = new PacketPlan(960, 192_000, 0, 8, 0);

    @Test
    void everyPacketBelongsToExactlyOneChunk() {
        for (long k = 0; k < 50; k++) {
            assertThat(AAC.firstPacket(k + 1)).isGreaterThan(AAC.firstPacket(k));
        }
        assertThat(AAC.firstPacket(0)).isZero();
        assertThat(AAC.firstPacket(1)).isEqualTo(187 - 1); // floor(192000/1024) - lag
        assertThat(OPUS.firstPacket(3)).isEqualTo(600);
    }

    @Test
    void aChunksPacketsNeedNoAudioBeyondItsEnd() {
        for (long k = 0; k < 50; k++) {
            long chunkEnd = (k + 1) * 192_000;
            long lastKept = AAC.firstPacket(k + 1) - 1;
            // AAC packet g is encoded from input frames up to g+1 (one frame of look-ahead)
            assertThat((lastKept + 2) * 1024).isLessThanOrEqualTo(chunkEnd);
            assertThat((OPUS.firstPacket(k + 1)) * 960).isLessThanOrEqualTo(chunkEnd);
        }
    }

    @Test
    void theEncoderStartsAWarmUpBeforeItsFirstPacketOnAudioThePreviousChunkKept() {
        for (long k = 1; k < 50; k++) {
            assertThat(AAC.packetsToSkip(k)).isEqualTo(4);
            assertThat(AAC.encoderStart(k) % 1024).isZero();
            assertThat(k * 192_000 - AAC.encoderStart(k)).isBetween(0L, (long) AAC.tailSamples());
            assertThat(k * 192_000 - OPUS.encoderStart(k)).isEqualTo(8 * 960);
            assertThat(OPUS.tailSamples()).isGreaterThanOrEqualTo(8 * 960);
        }
        assertThat(AAC.encoderStart(0)).isZero();
        assertThat(AAC.packetsToSkip(0)).isZero();
    }

    @Test
    void presentationAccountsForThePriming() {
        assertThat(AAC.presentedStart(0)).isZero();
        assertThat(AAC.presentedStart(1)).isEqualTo((186 - 1) * 1024);
        // consecutive segments present contiguous ranges, close to the chunk boundaries
        for (long k = 1; k < 50; k++) {
            assertThat(Math.abs(AAC.presentedStart(k) - k * 192_000)).isLessThan(3 * 1024);
        }
        assertThatThrownBy(() -> new PacketPlan(1024, 1000, 1, 4, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
