package io.aircheck.jobs.recorder.mix;

import static io.aircheck.jobs.recorder.mix.Frames.pcm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkMixerTest {
    private static final long T0 = 1_700_000_000_000_000L;
    private final SessionClock clock = new SessionClock(T0, 48_000, 4_800); // 100 ms chunks
    private final ChunkMixer mixer =
            new ChunkMixer(
                    (codec, rate, channels, mixRate) ->
                            new PcmFrameDecoder(rate, channels, mixRate));

    @Test
    void placesFramesAtTheirRoomClockTimeAndFillsSilence() {
        // alice speaks 20-40 ms, bob 50-70 ms; the rest of the chunk is silence
        List<Frame> frames =
                List.of(
                        pcm("alice", 0, T0 + 20_000, (short) 1000),
                        pcm("bob", 0, T0 + 50_000, (short) 2000));
        ChunkMixer.Result result = mixer.mix(clock, 0, 4_800, frames, 1.0);
        short[] pcm = result.pcm();
        assertThat(pcm).hasSize(4_800);
        assertThat(pcm[959]).isZero();
        assertThat(pcm[960]).isEqualTo((short) 1000);
        assertThat(pcm[1919]).isEqualTo((short) 1000);
        assertThat(pcm[1920]).isZero();
        assertThat(pcm[2400]).isEqualTo((short) 2000);
        assertThat(pcm[3360]).isZero();
        assertThat(result.rejections()).isEmpty();
    }

    @Test
    void sumsSpeakersWhoOverlap() {
        List<Frame> frames =
                List.of(pcm("alice", 0, T0, (short) 1000), pcm("bob", 0, T0, (short) 2000));
        short[] pcm = mixer.mix(clock, 0, 4_800, frames, 1.0).pcm();
        assertThat(pcm[10]).isEqualTo((short) 3000);
    }

    @Test
    void aSpeakersPauseAddsNothingEvenAfterAnotherSpeakerFilledTheChunk() {
        List<Frame> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) { // alice all 100 ms of the chunk
            frames.add(pcm("alice", i, T0 + i * 20_000L, (short) 1000));
        }
        frames.add(pcm("bob", 0, T0, (short) 7)); // bob 0-20 ms, then silent, then 60-80 ms
        frames.add(pcm("bob", 1, T0 + 60_000, (short) 7));
        short[] pcm = mixer.mix(clock, 0, 4_800, frames, 1.0).pcm();
        assertThat(pcm[100]).isEqualTo((short) 1007);
        assertThat(pcm[1_500]).isEqualTo((short) 1000); // 31 ms: bob's pause
        assertThat(pcm[3_000]).isEqualTo((short) 1007);
        assertThat(pcm[4_000]).isEqualTo((short) 1000);
    }

    @Test
    void aFrameOverlappingTheTracksPreviousOneReplacesItInsteadOfAdding() {
        List<Frame> frames =
                List.of(
                        pcm("alice", 0, T0, (short) 100),
                        pcm("alice", 1, T0 + 10_000, (short) 300));
        short[] pcm = mixer.mix(clock, 0, 4_800, frames, 1.0).pcm();
        assertThat(pcm[240]).isEqualTo((short) 100); // 5 ms: only the first frame
        assertThat(pcm[720]).isEqualTo((short) 300); // 15 ms: the second replaced the first
        assertThat(pcm[1_400]).isEqualTo((short) 300); // 29 ms: the second frame's end
        assertThat(pcm[1_500]).isZero(); // 31 ms: after both
    }

    @Test
    void splitsAFrameThatStraddlesTwoChunks() {
        Frame straddling = pcm("alice", 0, T0 + 90_000, (short) 500); // 90-110 ms
        short[] first = mixer.mix(clock, 0, 4_800, List.of(straddling), 1.0).pcm();
        short[] second = mixer.mix(clock, 1, 4_800, List.of(straddling), 1.0).pcm();
        assertThat(first[4_320]).isEqualTo((short) 500);
        assertThat(first[4_799]).isEqualTo((short) 500);
        assertThat(second[0]).isEqualTo((short) 500);
        assertThat(second[479]).isEqualTo((short) 500);
        assertThat(second[480]).isZero();
    }

    @Test
    void rejectsUndecodableFramesAndKeepsTheTimeline() {
        Frame good = pcm("alice", 1, T0 + 40_000, (short) 700);
        Frame broken =
                new Frame(
                        FrameKind.MEDIA,
                        "room-1",
                        "s1",
                        "alice",
                        "mic",
                        0,
                        T0 + 20_000,
                        AudioCodec.PCM_S16LE,
                        48_000,
                        1,
                        new byte[] {1, 2, 3},
                        0,
                        0,
                        7);
        ChunkMixer.Result result = mixer.mix(clock, 0, 4_800, List.of(broken, good), 1.0);
        assertThat(result.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.frame()).isSameAs(broken);
                            assertThat(r.reason()).contains("not a whole number");
                        });
        assertThat(result.pcm()[960]).isZero();
        assertThat(result.pcm()[1920]).isEqualTo((short) 700);
    }

    @Test
    void downmixesAndResamplesPcm() {
        PcmFrameDecoder decoder = new PcmFrameDecoder(16_000, 2, 48_000);
        byte[] stereo = new byte[320 * 4]; // 20 ms of 16 kHz stereo: left 1000, right 3000
        for (int i = 0; i < 320; i++) {
            stereo[4 * i] = (byte) 1000;
            stereo[4 * i + 1] = (byte) (1000 >> 8);
            stereo[4 * i + 2] = (byte) 3000;
            stereo[4 * i + 3] = (byte) (3000 >> 8);
        }
        Frame frame =
                new Frame(
                        FrameKind.MEDIA,
                        "r",
                        "s",
                        "p",
                        "t",
                        0,
                        0,
                        AudioCodec.PCM_S16LE,
                        16_000,
                        2,
                        stereo,
                        0,
                        0,
                        0);
        short[] mono = mixer == null ? null : decodeQuietly(decoder, frame);
        assertThat(mono).hasSize(960).containsOnly((short) 2000);
    }

    @Test
    void knowsOpusPacketDurations() {
        assertThat(FrameDurations.opusPacketUs(new byte[] {(byte) (31 << 3)}))
                .isEqualTo(20_000); // CELT FB 20 ms
        assertThat(FrameDurations.opusPacketUs(new byte[] {(byte) (1 << 3)}))
                .isEqualTo(20_000); // SILK NB 20 ms
        assertThat(FrameDurations.opusPacketUs(new byte[] {(byte) ((1 << 3) | 1)}))
                .isEqualTo(40_000); // two frames
        assertThat(FrameDurations.opusPacketUs(new byte[] {(byte) ((31 << 3) | 3), 3}))
                .isEqualTo(60_000);
        assertThat(FrameDurations.estimateUs(pcm("a", 0, 0, (short) 1))).isEqualTo(20_000);
    }

    private static short[] decodeQuietly(PcmFrameDecoder decoder, Frame frame) {
        try {
            return decoder.decode(frame);
        } catch (UndecodableFrameException e) {
            throw new AssertionError(e);
        }
    }
}
