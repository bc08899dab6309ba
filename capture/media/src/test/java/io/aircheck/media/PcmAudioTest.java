package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PcmAudioTest {

    @Test
    void framesAndDurationCountSamplesPerChannel() {
        PcmAudio stereo = new PcmAudio(new short[96_000], 48_000, 2);

        assertThat(stereo.frames()).isEqualTo(48_000);
        assertThat(stereo.durationUs()).isEqualTo(1_000_000);
        assertThat(PcmAudio.silence(441, 44_100, 1).durationUs()).isEqualTo(10_000);
    }

    @Test
    void s16leIsLittleEndianAndRoundTrips() {
        PcmAudio pcm = new PcmAudio(new short[] {1, -2, 0x1234, Short.MIN_VALUE}, 16_000, 2);

        byte[] bytes = pcm.toS16le();

        assertThat(bytes).containsExactly(1, 0, 0xfe, 0xff, 0x34, 0x12, 0x00, 0x80);
        assertThat(PcmAudio.fromS16le(bytes, 16_000, 2)).isEqualTo(pcm);
    }

    @Test
    void toMonoAveragesChannels() {
        PcmAudio stereo =
                new PcmAudio(
                        new short[] {100, 200, -100, 100, Short.MAX_VALUE, Short.MAX_VALUE},
                        8_000,
                        2);

        PcmAudio mono = stereo.toMono();

        assertThat(mono.channels()).isEqualTo(1);
        assertThat(mono.sampleRate()).isEqualTo(8_000);
        assertThat(mono.samples()).containsExactly(150, 0, Short.MAX_VALUE);
        assertThat(mono.toMono()).isSameAs(mono);
    }

    @Test
    void silenceIsZeros() {
        PcmAudio silence = PcmAudio.silence(10, 48_000, 2);

        assertThat(silence.samples()).hasSize(20).containsOnly(0);
        assertThat(silence.frames()).isEqualTo(10);
    }

    @Test
    void sliceCopiesWholeFrames() {
        PcmAudio pcm = new PcmAudio(new short[] {1, 2, 3, 4, 5, 6}, 8_000, 2);

        assertThat(pcm.slice(1, 3).samples()).containsExactly(3, 4, 5, 6);
        assertThatThrownBy(() -> pcm.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThatThrownBy(() -> new PcmAudio(new short[3], 48_000, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2-channel");
        assertThatThrownBy(() -> new PcmAudio(new short[2], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcmAudio.fromS16le(new byte[3], 48_000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
    }

    @Test
    void equalityIsByContent() {
        assertThat(new PcmAudio(new short[] {1, 2}, 8_000, 1))
                .isEqualTo(new PcmAudio(new short[] {1, 2}, 8_000, 1))
                .hasSameHashCodeAs(new PcmAudio(new short[] {1, 2}, 8_000, 1))
                .isNotEqualTo(new PcmAudio(new short[] {1, 2}, 16_000, 1));
    }
}
