package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpusPacketRoundTripTest {

    private static final int RATE = 48_000;

    @Test
    void fiftyPacketsDecodeToTheInputAfterTheCodecDelay() throws Exception {
        PcmAudio sine = Signals.sine(440, 1.0, RATE, 1, 0.5);
        List<byte[]> packets = new ArrayList<>();
        int delay;
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0)) {
            assertThat(encoder.frameSize()).isEqualTo(960);
            delay = encoder.delaySamples();
            for (int i = 0; i < 50; i++) {
                packets.add(
                        encoder.encode(Arrays.copyOfRange(sine.samples(), i * 960, (i + 1) * 960)));
            }
        }
        PcmCollector decoded = new PcmCollector(1);
        try (OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
            for (byte[] packet : packets) {
                short[] pcm = decoder.decode(packet);
                assertThat(pcm).hasSize(960);
                decoded.accept(pcm, 0, pcm.length);
            }
        }

        short[] output = decoded.toArray();
        assertThat(delay).isEqualTo(312); // libopus look-ahead: 6.5 ms at 48 kHz
        assertThat(packets).allSatisfy(p -> assertThat(p.length).isBetween(20, 200));
        assertThat(Signals.correlation(sine.samples(), output, delay)).isGreaterThan(0.9);
    }

    @Test
    void theDecodedStreamLagsByTheLookAhead() throws Exception {
        PcmAudio sweep = Signals.chirp(200, 4000, 1.0, RATE, 0.5);
        PcmCollector decoded = new PcmCollector(1);
        int delay;
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0);
                OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
            delay = encoder.delaySamples();
            for (int i = 0; i < 50; i++) {
                short[] pcm =
                        decoder.decode(
                                encoder.encode(
                                        Arrays.copyOfRange(
                                                sweep.samples(), i * 960, (i + 1) * 960)));
                decoded.accept(pcm, 0, pcm.length);
            }
        }

        double[] lagAndCorrelation = Signals.bestLag(sweep.samples(), decoded.toArray(), 1000);
        assertThat(lagAndCorrelation[0])
                .isCloseTo(delay, org.assertj.core.api.Assertions.within(2.0));
        assertThat(lagAndCorrelation[1]).isGreaterThan(0.9);
    }

    @Test
    void concealmentContinuesTheSignal() throws Exception {
        PcmAudio sine = Signals.sine(440, 0.2, RATE, 2, 0.5);
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 2, 0);
                OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 2)) {
            assertThat(decoder.conceal(960))
                    .hasSize(1920)
                    .containsOnly(0); // nothing to continue yet
            for (int i = 0; i < 5; i++) {
                decoder.decode(
                        encoder.encode(
                                Arrays.copyOfRange(sine.samples(), i * 1920, (i + 1) * 1920)));
            }

            short[] concealed = decoder.conceal(960);
            short[] shorter = decoder.conceal(480);

            assertThat(concealed).hasSize(960 * 2);
            assertThat(shorter).hasSize(480 * 2);
            assertThat(rms(concealed)).isGreaterThan(1000); // not silence: libopus PLC
            // the decoder goes on after the loss
            assertThat(
                            decoder.decode(
                                    encoder.encode(
                                            Arrays.copyOfRange(
                                                    sine.samples(), 5 * 1920, 6 * 1920))))
                    .hasSize(1920);
        }
    }

    @Test
    void decodesToOtherRates() throws Exception {
        PcmAudio sine = Signals.sine(1000, 1.0, 16_000, 1, 0.5);
        int total = 0;
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(16_000, 1, 24_000);
                OpusPacketDecoder decoder = new OpusPacketDecoder(16_000, 1)) {
            assertThat(encoder.frameSize()).isEqualTo(320);
            PcmCollector decoded = new PcmCollector(1);
            for (int i = 0; i < 50; i++) {
                short[] pcm =
                        decoder.decode(
                                encoder.encode(
                                        Arrays.copyOfRange(
                                                sine.samples(), i * 320, (i + 1) * 320)));
                decoded.accept(pcm, 0, pcm.length);
                total += pcm.length;
            }
            PcmAudio output = new PcmAudio(decoded.toArray(), 16_000, 1);
            assertThat(Signals.dominantFrequency(output, 500, 1000, 2000)).isEqualTo(1000);
        }
        // the resampler holds back a few samples of its filter delay
        assertThat(total).isBetween(16_000 - 100, 16_000);
    }

    @Test
    void rejectsWrongInput() throws Exception {
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0);
                OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
            assertThatThrownBy(() -> encoder.encode(new short[100]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("960");
            // TOC code 3 (arbitrary frame count) with a frame count byte of 0 is invalid
            assertThatThrownBy(() -> decoder.decode(new byte[] {(byte) 0x03, 0x00}))
                    .isInstanceOf(AudioCodecException.class)
                    .hasMessageContaining("corrupt Opus packet");
            assertThatThrownBy(() -> decoder.decode(new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new OpusPacketEncoder(44_100, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusPacketEncoder(48_000, 1, 0, 11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusPacketDecoder(48_000, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerComplexityStillDecodesToTheInput() throws Exception {
        PcmAudio sine = Signals.sine(440, 0.5, RATE, 1, 0.5);
        PcmCollector decoded = new PcmCollector(1);
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0, 3);
                OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
            for (int i = 0; i < 25; i++) {
                short[] pcm =
                        decoder.decode(
                                encoder.encode(
                                        Arrays.copyOfRange(
                                                sine.samples(), i * 960, (i + 1) * 960)));
                decoded.accept(pcm, 0, pcm.length);
            }
            assertThat(
                            Signals.correlation(
                                    sine.samples(), decoded.toArray(), encoder.delaySamples()))
                    .isGreaterThan(0.9);
        }
    }

    @Test
    void closedInstancesRefuseWork() {
        OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, 1, 0);
        encoder.close();
        encoder.close();

        assertThatThrownBy(() -> encoder.encode(new short[960]))
                .isInstanceOf(IllegalStateException.class);
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
