package io.aircheck.jobs.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.jobs.recorder.mix.OpusApplication;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.media.OpusPacketDecoder;
import io.aircheck.media.OpusPacketEncoder;
import org.junit.jupiter.api.Test;

/**
 * The master's Opus complexity and application reach libopus: other packets, the same stream shape
 * (packets, pre-skip).
 */
class MixEncoderTest {
    private static final int CHUNK = 48_000 * 3;

    private static short[] speechLike() {
        short[] audio = new short[CHUNK];
        for (int i = 0; i < audio.length; i++) {
            double t = i / 48_000.0;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            audio[i] =
                    (short)
                            (8000
                                    * envelope
                                    * (Math.sin(2 * Math.PI * 220 * t)
                                            + 0.5 * Math.sin(2 * Math.PI * 660 * t + 1)));
        }
        return audio;
    }

    @Test
    void theComplexityChangesTheBitsNotTheStream() throws Exception {
        short[] audio = speechLike();
        MixEncoder.Encoded cheap = new MixEncoder(CHUNK, 0).encode(0, audio, 0, true);
        MixEncoder.Encoded usual =
                new MixEncoder(CHUNK, RecorderSettings.DEFAULT_OPUS_COMPLEXITY)
                        .encode(0, audio, 0, true);

        assertThat(cheap.opus()).hasSameSizeAs(usual.opus());
        assertThat(cheap.firstOpus()).isEqualTo(usual.firstOpus());
        assertThat(cheap.aac()).usingRecursiveComparison().isEqualTo(usual.aac());
        boolean differ = false;
        for (int i = 0; i < cheap.opus().size(); i++) {
            differ |= !java.util.Arrays.equals(cheap.opus().get(i), usual.opus().get(i));
        }
        assertThat(differ).as("complexity 0 and 5 encode differently").isTrue();
        try (OpusPacketDecoder decoder = new OpusPacketDecoder(48_000, 1)) {
            for (byte[] packet : cheap.opus()) {
                assertThat(decoder.decode(packet)).hasSize(960);
            }
        }
    }

    @Test
    void theApplicationChangesTheBitsNotTheStream() throws Exception {
        short[] audio = speechLike();
        MixEncoder.Encoded voip =
                new MixEncoder(CHUNK, 5, OpusApplication.VOIP).encode(0, audio, 0, true);
        MixEncoder.Encoded celt =
                new MixEncoder(CHUNK, 5, OpusApplication.AUDIO).encode(0, audio, 0, true);
        assertThat(celt.opus()).hasSameSizeAs(voip.opus());
        assertThat(celt.aac()).usingRecursiveComparison().isEqualTo(voip.aac());
        // the TOC byte's configuration: SILK or hybrid (0-15) for VoIP, CELT (16-31) for audio
        assertThat(voip.opus().stream().filter(p -> p.length > 1).map(p -> (p[0] & 0xff) >> 3))
                .allSatisfy(config -> assertThat(config).isLessThan(16));
        assertThat(celt.opus().stream().filter(p -> p.length > 1).map(p -> (p[0] & 0xff) >> 3))
                .allSatisfy(config -> assertThat(config).isGreaterThanOrEqualTo(16));
        // both look ahead as far: the Ogg stream's pre-skip holds for either
        for (OpusPacketEncoder.Application application : OpusPacketEncoder.Application.values()) {
            try (OpusPacketEncoder encoder =
                    new OpusPacketEncoder(48_000, 1, 32_000, 5, application)) {
                assertThat(encoder.delaySamples()).isEqualTo(MixEncoder.OPUS_PRE_SKIP);
            }
        }
        assertThat(RecorderSettings.DEFAULTS.opusApplication()).isEqualTo(OpusApplication.AUDIO);
    }

    @Test
    void aComplexityOutsideLibopusRangeIsRefused() {
        assertThatThrownBy(() -> new RecorderSettings(48_000, 3_000, 1_500, 11))
                .hasMessageContaining("from 0 to 10");
        assertThat(RecorderSettings.DEFAULTS.opusComplexity()).isEqualTo(5);
    }

    @Test
    void withoutTheOpusMasterOnlyTheAacIsEncodedAndItIsTheSame() {
        short[] audio = speechLike();
        RecorderSettings settings =
                new RecorderSettings(48_000, CHUNK / 48, 1_500).withOpusMaster(true);
        MixEncoder.Encoded both = new MixEncoder(settings).encode(0, audio, 0, true);
        MixEncoder.Encoded aacOnly =
                new MixEncoder(settings.withOpusMaster(false)).encode(0, audio, 0, true);
        assertThat(both.opus()).isNotEmpty();
        assertThat(aacOnly.opus()).isEmpty();
        assertThat(aacOnly.aac()).usingRecursiveComparison().isEqualTo(both.aac());
        assertThat(RecorderSettings.DEFAULTS.opusMaster()).isFalse();
    }
}
