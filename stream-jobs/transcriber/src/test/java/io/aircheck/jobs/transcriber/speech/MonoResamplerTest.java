package io.aircheck.jobs.transcriber.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MonoResamplerTest {

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static int zeroCrossings(short[] s, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void fortyEightKilohertzBecomesSixteenWithTheSameToneAndLevel() {
        short[] in = Signals.tone(440, 2, 48_000, 10_000);
        short[] out = new MonoResampler(48_000).process(in);
        assertThat(out.length).isCloseTo(32_000, Offset.offset(40));
        // 440 Hz: 880 zero crossings a second
        assertThat(zeroCrossings(out, 1000, 17_000)).isCloseTo(880, Offset.offset(4));
        assertThat(rms(out, 1000, 17_000)).isCloseTo(10_000 / Math.sqrt(2), Offset.offset(300.0));
    }

    @Test
    void frequenciesAboveTheNewNyquistAreFilteredOut() {
        short[] passed = new MonoResampler(48_000).process(Signals.tone(3_000, 1, 48_000, 10_000));
        short[] aliased =
                new MonoResampler(48_000).process(Signals.tone(12_000, 1, 48_000, 10_000));
        double ratio = rms(aliased, 500, 15_000) / rms(passed, 500, 15_000);
        assertThat(20 * Math.log10(ratio)).isLessThan(-30);
    }

    @Test
    void upsamplingEightKilohertzDoublesTheLength() {
        short[] out = new MonoResampler(8_000).process(Signals.tone(300, 1, 8_000, 8_000));
        assertThat(out.length).isCloseTo(16_000, Offset.offset(20));
        assertThat(zeroCrossings(out, 500, 15_500))
                .isCloseTo(600 * 15_000 / 16_000, Offset.offset(4));
    }

    @Test
    void sixteenKilohertzPassesThrough() {
        short[] in = Signals.tone(300, 0.1, 16_000, 8_000);
        assertThat(new MonoResampler(16_000).process(in)).isSameAs(in);
    }

    @Test
    void streamingInPiecesGivesTheSameSamplesAsOneCall() {
        short[] in = Signals.tone(523, 1.5, 44_100, 9_000);
        short[] whole = new MonoResampler(44_100).process(in);
        MonoResampler streaming = new MonoResampler(44_100);
        List<Short> pieces = new ArrayList<>();
        for (int at = 0; at < in.length; at += 882) {
            for (short s :
                    streaming.process(
                            java.util.Arrays.copyOfRange(in, at, Math.min(in.length, at + 882)))) {
                pieces.add(s);
            }
        }
        short[] joined = new short[pieces.size()];
        for (int i = 0; i < joined.length; i++) {
            joined[i] = pieces.get(i);
        }
        assertThat(joined).isEqualTo(whole);
    }

    @Test
    void refusesRatesItCannotTake() {
        assertThatThrownBy(() -> new MonoResampler(4_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
