package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncoderProfileTest {

    @Test
    void opusIsAlways48kHzWithSpeechBitrateAndBalancedEffort() {
        EncoderProfile profile = EncoderProfile.of(AudioFormat.OGG_OPUS, 16_000, 1, 0);

        assertThat(profile.muxer()).isEqualTo("ogg");
        assertThat(profile.encoder()).isEqualTo("libopus");
        assertThat(profile.sampleRate()).isEqualTo(48_000);
        assertThat(profile.bitrate()).isEqualTo(32_000);
        assertThat(profile.codecOptions())
                .containsEntry("compression_level", "5")
                .containsEntry("application", "voip");
        assertThat(EncoderProfile.of(AudioFormat.OGG_OPUS, 48_000, 2, 0).bitrate())
                .isEqualTo(64_000);
        assertThat(EncoderProfile.of(AudioFormat.OGG_OPUS, 48_000, 1, 48_000).bitrate())
                .isEqualTo(48_000);
    }

    @Test
    void aacKeepsStandardRatesAndMovesMoovToTheFront() {
        EncoderProfile profile = EncoderProfile.of(AudioFormat.M4A_AAC, 44_100, 1, 0);

        assertThat(profile.sampleRate()).isEqualTo(44_100);
        assertThat(profile.bitrate()).isEqualTo(64_000);
        assertThat(profile.sampleFormat()).isEqualTo("fltp");
        assertThat(profile.muxerOptions()).containsEntry("movflags", "+faststart");
        assertThat(EncoderProfile.of(AudioFormat.M4A_AAC, 22_222, 1, 0).sampleRate())
                .isEqualTo(48_000);
    }

    @Test
    void losslessFormatsKeepTheInputRate() {
        assertThat(EncoderProfile.of(AudioFormat.FLAC, 22_050, 1, 0).sampleRate())
                .isEqualTo(22_050);
        assertThat(EncoderProfile.of(AudioFormat.WAV, 8_000, 2, 0).encoder())
                .isEqualTo("pcm_s16le");
    }

    @Test
    void formatsNameTheirFiles() {
        assertThat(AudioFormat.OGG_OPUS.extension()).isEqualTo("opus");
        assertThat(AudioFormat.OGG_OPUS.contentType()).isEqualTo("audio/ogg");
        assertThat(AudioFormat.M4A_AAC.extension()).isEqualTo("m4a");
        assertThat(AudioFormat.M4A_AAC.contentType()).isEqualTo("audio/mp4");
        assertThat(AudioFormat.FLAC.contentType()).isEqualTo("audio/flac");
        assertThat(AudioFormat.WAV.contentType()).isEqualTo("audio/wav");
    }

    @Test
    void rejectsNegativeBitrate() {
        assertThatThrownBy(() -> EncoderProfile.of(AudioFormat.OGG_OPUS, 48_000, 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
