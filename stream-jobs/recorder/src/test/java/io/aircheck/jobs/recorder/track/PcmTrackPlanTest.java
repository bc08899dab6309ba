package io.aircheck.jobs.recorder.track;

import static io.aircheck.jobs.recorder.track.TrackFrames.T0;
import static io.aircheck.jobs.recorder.track.TrackFrames.pcm16k;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcmTrackPlanTest {
    private static final int WARMUP = 8;

    /** A 16 kHz mono PCM track (20 ms = 320 samples), libopus look-ahead 104 samples. */
    private static TrackState track() {
        return TrackState.start(
                "alice", "mic", AudioCodec.PCM_S16LE, 16_000, 1, T0, 16_000, 104, WARMUP);
    }

    private static List<Frame> speech(int fromFrame, int toFrame) {
        List<Frame> frames = new ArrayList<>();
        for (int i = fromFrame; i < toFrame; i++) {
            frames.add(pcm16k(i, T0 + i * 20_000L, (short) (1000 + i)));
        }
        return frames;
    }

    @Test
    void aChunkEmitsThePacketsItCompletesAsOneEncodedRunWithWarmUpAudio() {
        // frames 0..49 (1 s); the chunk ends at 0.99 s: packets 0..48 are complete
        PcmTrackPlan.Plan plan = PcmTrackPlan.plan(track(), speech(0, 50), T0 + 990_000, WARMUP);
        assertThat(plan.runs())
                .singleElement()
                .satisfies(
                        run -> {
                            assertThat(run.kind()).isEqualTo(PcmTrackPlan.Run.Kind.ENCODE);
                            assertThat(run.first()).isZero();
                            assertThat(run.end()).isEqualTo(49);
                            assertThat(run.encoderStart()).isZero();
                            assertThat(run.audio()).hasSize(49 * 320);
                            assertThat(run.audio()[320 * 10]).isEqualTo((short) 1010);
                        });
        // the next chunk's encoder starts 8 packets early, on audio kept from this one
        TrackState after = plan.track();
        assertThat(after.nextPacket()).isEqualTo(49);
        assertThat(after.bufferStart()).isEqualTo((49 - WARMUP) * 320L);
        PcmTrackPlan.Plan next = PcmTrackPlan.plan(after, List.of(), -1, WARMUP);
        assertThat(next.runs())
                .singleElement()
                .satisfies(
                        run -> {
                            assertThat(run.first()).isEqualTo(49);
                            assertThat(run.encoderStart()).isEqualTo(41 * 320L);
                            assertThat(run.audio()[0])
                                    .isEqualTo((short) 1041); // the warm-up is the real audio
                            // the last frame's end (50 packets) plus the look-ahead: 51 packets
                            assertThat(run.end()).isEqualTo(51);
                        });
        assertThat(next.track().audioEnd()).isEqualTo(50 * 320);
        assertThat(next.track().buffer().length).isLessThanOrEqualTo(11 * 320);
    }

    @Test
    void aLongSilenceIsLostFramesAndTheSpeechAfterItARestartedEncoder() {
        List<Frame> frames = speech(0, 10); // 0.2 s
        frames.addAll(speech(500, 510)); // and again at 10 s
        PcmTrackPlan.Plan plan = PcmTrackPlan.plan(track(), frames, -1, WARMUP);
        assertThat(plan.runs())
                .extracting(PcmTrackPlan.Run::kind)
                .containsExactly(
                        PcmTrackPlan.Run.Kind.ENCODE,
                        PcmTrackPlan.Run.Kind.LOST,
                        PcmTrackPlan.Run.Kind.ENCODE);
        // the first run carries the speech and the warm-up tail after it
        assertThat(plan.runs().get(0).end()).isEqualTo(10 + WARMUP);
        assertThat(plan.runs().get(2).first()).isEqualTo(500);
        assertThat(plan.runs().get(2).encoderStart()).isEqualTo(492 * 320L);
        assertThat(plan.runs().get(2).audio())
                .startsWith(new short[320 * WARMUP]); // silence before
        assertThat(plan.runs().get(2).end()).isEqualTo(511);
        // memory stays bounded: nothing of the 10 s gap is held
        assertThat(plan.track().buffer().length).isLessThan(20 * 320);
    }

    @Test
    void framesOfOtherRatesAreConvertedAndStereoIsKept() {
        byte[] stereo = new byte[960 * 2 * 2]; // 20 ms of 48 kHz stereo
        for (int i = 0; i < 960; i++) {
            stereo[4 * i] = 10; // left 10
            stereo[4 * i + 2] = 20; // right 20
        }
        Frame frame = TrackFrames.frame(AudioCodec.PCM_S16LE, 0, T0, stereo, 48_000, 2);
        TrackState stereoTrack =
                TrackState.start(
                        "bob", "mic", AudioCodec.PCM_S16LE, 48_000, 2, T0, 48_000, 312, WARMUP);
        PcmTrackPlan.Plan plan = PcmTrackPlan.plan(stereoTrack, List.of(frame), -1, WARMUP);
        short[] audio = plan.runs().get(0).audio();
        assertThat(audio[0]).isEqualTo((short) 10);
        assertThat(audio[1]).isEqualTo((short) 20);
        assertThat(PcmFrames.interleaved(frame, 1, 16_000)).hasSize(320).containsOnly((short) 15);
    }
}
