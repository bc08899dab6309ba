package io.aircheck.jobs.transcriber.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtteranceCutterTest {
    private static final CutterSettings SETTINGS = CutterSettings.defaults();

    private static List<Utterance> cut(short[] audio, int chunk) {
        UtteranceCutter cutter = new UtteranceCutter(SETTINGS);
        List<Utterance> out = new ArrayList<>();
        for (int at = 0; at < audio.length; at += chunk) {
            short[] piece =
                    java.util.Arrays.copyOfRange(audio, at, Math.min(audio.length, at + chunk));
            out.addAll(cutter.append(piece));
        }
        out.addAll(cutter.flush());
        return out;
    }

    private static double seconds(long sample) {
        return sample / 16_000.0;
    }

    @Test
    void silenceAndSteadyNoiseOpenNothing() {
        assertThat(cut(Signals.hiss(10, 1), 320)).isEmpty();
        assertThat(cut(new short[16_000 * 5], 960)).isEmpty();
        short[] loudNoise = new short[16_000 * 10];
        Random random = new Random(3);
        for (int i = 0; i < loudNoise.length; i++) {
            loudNoise[i] = (short) (random.nextGaussian() * 4000);
        }
        assertThat(cut(loudNoise, 320)).isEmpty();
        assertThat(cut(Signals.tone(440, 8, 16_000, 8000), 320)).isEmpty();
    }

    @Test
    void anUtteranceStartsWithALeadInAndEndsWithATailAfterAPause() {
        short[] audio =
                Signals.concat(Signals.hiss(2, 1), Signals.talk(1.5, 2), Signals.hiss(2, 3));
        List<Utterance> utterances = cut(audio, 320);
        assertThat(utterances).hasSize(1);
        Utterance u = utterances.get(0);
        assertThat(seconds(u.startSample()))
                .isCloseTo(
                        2.0 - CutterSettings.LEAD_IN_MS / 1000.0,
                        org.assertj.core.data.Offset.offset(0.05));
        assertThat(seconds(u.endSample()))
                .isBetween(3.5, 3.5 + CutterSettings.TAIL_MS / 1000.0 + 0.05);
        assertThat(u.voicedMs()).isBetween(1000, 1500);
        assertThat(u.context()).isEmpty();
    }

    @Test
    void theNextUtteranceHearsTheEndOfThePreviousOneAsContext() {
        short[] audio =
                Signals.concat(
                        Signals.hiss(1, 1),
                        Signals.talk(1.5, 2),
                        Signals.hiss(1.5, 3),
                        Signals.talk(1, 4),
                        Signals.hiss(1, 5));
        List<Utterance> utterances = cut(audio, 320);
        assertThat(utterances).hasSize(2);
        short[] first = utterances.get(0).pcm();
        short[] context = utterances.get(1).context();
        assertThat(context.length).isLessThanOrEqualTo(CutterSettings.CONTEXT_MS * 16);
        assertThat(context)
                .isEqualTo(
                        java.util.Arrays.copyOfRange(
                                first, first.length - context.length, first.length));
        assertThat(utterances.get(1).withContext())
                .hasSize(context.length + utterances.get(1).pcm().length);
        assertThat(utterances.get(1).contextUs()).isEqualTo(context.length * 1_000_000L / 16_000);
    }

    @Test
    void longSpeechIsSplitAtItsQuietestMomentsWithoutLosingAnySample() {
        short[] audio = Signals.concat(Signals.hiss(1, 1), Signals.talk(20, 2), Signals.hiss(2, 3));
        List<Utterance> utterances = cut(audio, 480);
        assertThat(utterances).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            assertThat(u.pcm().length).isLessThanOrEqualTo(SETTINGS.maxUtteranceMs() * 16);
            if (i > 0) {
                // contiguous: each piece starts where the previous one ended
                assertThat(u.startSample()).isEqualTo(utterances.get(i - 1).endSample());
                // cut in a dip between syllables: the first 20 ms are quiet
                double t = seconds(u.startSample()) - 1.0;
                assertThat(t % 0.26).isBetween(0.19, 0.27);
            }
        }
    }

    @Test
    void clicksShorterThanTheMinimumAreDropped() {
        short[] audio =
                Signals.concat(Signals.hiss(2, 1), Signals.talk(0.1, 2), Signals.hiss(2, 3));
        assertThat(cut(audio, 320)).isEmpty();
    }

    @Test
    void howTheAudioIsChunkedDoesNotChangeTheCuts() {
        short[] audio =
                Signals.concat(
                        Signals.hiss(1, 1),
                        Signals.talk(7.3, 2),
                        Signals.hiss(0.9, 3),
                        Signals.talk(2, 4),
                        Signals.hiss(1.2, 5));
        List<Utterance> a = cut(audio, 320);
        List<Utterance> b = cut(audio, 1234);
        List<Utterance> c = cut(audio, audio.length);
        assertThat(a).hasSizeGreaterThanOrEqualTo(3);
        for (List<Utterance> other : List.of(b, c)) {
            assertThat(other).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(other.get(i).startSample()).isEqualTo(a.get(i).startSample());
                assertThat(other.get(i).pcm()).isEqualTo(a.get(i).pcm());
            }
        }
    }

    @Test
    void skippingAGapClosesTheOpenUtteranceAndKeepsCounting() {
        UtteranceCutter cutter = new UtteranceCutter(SETTINGS);
        cutter.append(Signals.hiss(1, 1));
        cutter.append(Signals.talk(1, 2));
        List<Utterance> closed = cutter.skipTo(16_000 * 60);
        assertThat(closed).hasSize(1);
        assertThat(cutter.nextSample()).isEqualTo(16_000 * 60);
        List<Utterance> later = new ArrayList<>(cutter.append(Signals.talk(1, 3)));
        later.addAll(cutter.append(Signals.hiss(1, 4)));
        assertThat(later).hasSize(1);
        assertThat(seconds(later.get(0).startSample())).isBetween(59.3, 60.0);
    }
}
