package io.aircheck.jobs.recorder;

import static io.aircheck.jobs.recorder.mix.Frames.mark;
import static io.aircheck.jobs.recorder.mix.Frames.pcm;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameKind;
import io.aircheck.jobs.recorder.mix.PcmFrameDecoder;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MixFunctionTest {
    private static final long T0 = 1_700_000_000_000_000L;

    /** 1 s chunks, 0.5 s jitter allowance. */
    private static final RecorderSettings SETTINGS = new RecorderSettings(48_000, 1_000, 500);

    private KeyedOneInputStreamOperatorTestHarness<String, Frame, MixOutput> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Frame, MixOutput> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new MixFunction(
                                SETTINGS,
                                (codec, rate, ch, mixRate) ->
                                        new PcmFrameDecoder(rate, ch, mixRate))),
                Frame::roomId,
                Types.STRING);
    }

    /** alice speaks for {@code seconds}, 20 ms frames from T0, value = 100 + second. */
    private static List<Frame> alice(int fromFrame, int toFrame) {
        List<Frame> frames = new ArrayList<>();
        for (int i = fromFrame; i < toFrame; i++) {
            frames.add(pcm("alice", i, T0 + i * 20_000L, (short) (100 + i / 50)));
        }
        return frames;
    }

    private void feed(List<Frame> frames) throws Exception {
        for (Frame f : frames) {
            harness.processElement(new StreamRecord<>(f));
        }
    }

    @Test
    void mixesAChunkOnceTheRoomClockIsAnAllowancePastIt() throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(alice(0, 74)); // up to 1.48 s: chunk 0 ends at 1 s, allowance 0.5 s not yet passed
        assertThat(harness.extractOutputValues()).isEmpty();
        feed(alice(74, 75)); // frame ending at 1.5 s
        List<MixOutput> out = harness.extractOutputValues();
        assertThat(out)
                .singleElement()
                .satisfies(
                        chunk -> {
                            assertThat(chunk.kind()).isEqualTo(MixOutput.Kind.CHUNK);
                            assertThat(chunk.index()).isZero();
                            assertThat(chunk.startUs()).isEqualTo(T0);
                            assertThat(chunk.pcm()).hasSize(48_000);
                            assertThat(chunk.pcm()[0]).isEqualTo((short) 100);
                        });
    }

    @Test
    void endMarkFlushesTheRestWithAPartialLastChunk() throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(alice(0, 100)); // 2 s of speech
        feed(List.of(mark(FrameKind.SESSION_ENDED, T0 + 2_600_000L))); // room closes at 2.6 s
        List<MixOutput> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(MixOutput::kind)
                .containsExactly(
                        MixOutput.Kind.CHUNK,
                        MixOutput.Kind.CHUNK,
                        MixOutput.Kind.CHUNK,
                        MixOutput.Kind.SESSION_MIXED);
        assertThat(out.get(2).pcm()).hasSize(28_800); // 0.6 s
        assertThat(out.get(2).pcm()).containsOnly((short) 0); // silence after alice stopped
        assertThat(out.get(1).pcm()[0]).isEqualTo((short) 101);
        MixOutput done = out.get(3);
        assertThat(done.chunkCount()).isEqualTo(3);
        assertThat(done.endUs() - done.startUs()).isEqualTo(2_600_000L);
        assertThat(harness.numKeyedStateEntries())
                .isEqualTo(1); // only the ended session's id remains
    }

    @Test
    void silentRoomStillGetsItsChunksFromClockMarks() throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0), mark(FrameKind.CLOCK, T0 + 2_600_000L)));
        assertThat(harness.extractOutputValues())
                .extracting(MixOutput::index)
                .containsExactly(0L, 1L);
    }

    @Test
    void lateDuplicateAndOrphanFramesAreDeadLettered() throws Exception {
        feed(List.of(pcm("bob", 0, T0, (short) 1))); // before any session start
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(alice(0, 80)); // chunk 0 mixed (clock at 1.6 s)
        feed(List.of(pcm("bob", 0, T0 + 900_000L, (short) 5))); // belongs to the mixed chunk 0
        feed(List.of(alice(79, 80).get(0))); // the same sequence again
        List<String> reasons =
                harness.getSideOutput(Rejections.TAG).stream()
                        .map(StreamRecord::getValue)
                        .map(Rejected::reason)
                        .collect(Collectors.toList());
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).contains("no session 's1' is being recorded");
        assertThat(reasons.get(1)).startsWith("late frame");
        assertThat(reasons.get(2))
                .isEqualTo("duplicate frame: sequence 79 of track alice/mic was already received");
        assertThat(harness.getSideOutput(Rejections.TAG).peek().getValue().sourceTopic())
                .isEqualTo("room.audio");
    }

    @Test
    void aFrameArrivingOutOfOrderWithinTheAllowanceIsMixedWhereItBelongs() throws Exception {
        List<Frame> frames = new ArrayList<>(alice(0, 80));
        Frame late = frames.remove(30); // 0.6 s, arrives after 0.62 s..0.78 s
        frames.add(40, late);
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(frames);
        assertThat(harness.getSideOutput(Rejections.TAG)).isNullOrEmpty();
        MixOutput chunk = harness.extractOutputValues().get(0);
        assertThat(chunk.pcm()[30 * 960 + 5]).isEqualTo((short) 100); // not a hole of silence
        assertThat(chunk.trackFrames())
                .extracting(Frame::sequence)
                .containsExactly(
                        java.util.stream.LongStream.range(0, 50).boxed().toArray(Long[]::new));
    }

    @Test
    void eachChunkCarriesTheFramesStartingInItForTheTracksTheLastSaysSo() throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(alice(0, 100));
        feed(List.of(pcm("bob", 0, T0 + 1_990_000L, (short) 7))); // straddles chunks 1 and 2
        feed(List.of(mark(FrameKind.SESSION_ENDED, T0 + 2_600_000L)));
        List<MixOutput> chunks =
                harness.extractOutputValues().stream()
                        .filter(m -> m.kind() == MixOutput.Kind.CHUNK)
                        .toList();
        assertThat(chunks).extracting(MixOutput::last).containsExactly(false, false, true);
        assertThat(chunks.get(0).trackFrames()).hasSize(50);
        assertThat(chunks.get(1).trackFrames()).hasSize(51); // alice 50..99 and bob's frame
        assertThat(chunks.get(2).trackFrames()).isEmpty();
        assertThat(chunks.get(2).pcm()[0]).isEqualTo((short) 7); // bob's frame spills over
        assertThat(chunks)
                .extracting(MixOutput::endUs)
                .containsExactly(T0 + 1_000_000L, T0 + 2_000_000L, T0 + 2_600_000L);
    }

    @Test
    void speakersJoinAndLeaveAnywhereAndSilenceFillsTheRest() throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(
                List.of(
                        pcm("bob", 0, T0 + 250_000L, (short) 50),
                        pcm("bob", 1, T0 + 270_000L, (short) 50)));
        feed(List.of(mark(FrameKind.TRACK_ENDED, T0 + 300_000L)));
        feed(List.of(pcm("carol", 0, T0 + 1_700_000L, (short) 60)));
        feed(List.of(mark(FrameKind.SESSION_ENDED, T0 + 2_000_000L)));
        List<MixOutput> out = harness.extractOutputValues();
        short[] first = out.get(0).pcm();
        assertThat(first).hasSize(48_000);
        assertThat(first[12_000]).isEqualTo((short) 50); // bob from 0.25 s
        assertThat(first[12_000 - 1]).isZero();
        assertThat(java.util.Arrays.copyOfRange(first, 14_400, 48_000)).containsOnly((short) 0);
        short[] second = out.get(1).pcm();
        assertThat(second[33_600]).isEqualTo((short) 60); // carol at 1.7 s
        assertThat(java.util.Arrays.copyOfRange(second, 0, 33_600)).containsOnly((short) 0);
    }

    @Test
    void framesAfterTheEndAreDeadLetteredAndAFinalChunkMixedEarlyIsClosedByAnEmptyOne()
            throws Exception {
        feed(List.of(mark(FrameKind.SESSION_STARTED, T0)));
        feed(alice(0, 75)); // chunk 0 mixed (clock 1.5 s), no more
        feed(List.of(mark(FrameKind.SESSION_ENDED, T0 + 800_000L))); // says less than was mixed
        List<MixOutput> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(MixOutput::kind)
                .containsExactly(
                        MixOutput.Kind.CHUNK, MixOutput.Kind.CHUNK, MixOutput.Kind.SESSION_MIXED);
        assertThat(out.get(0).last()).isFalse();
        assertThat(out.get(1).last()).isTrue();
        assertThat(out.get(1).pcm()).isEmpty();
        assertThat(out.get(2).endUs() - out.get(2).startUs())
                .isEqualTo(1_000_000L); // kept what was mixed
        assertThat(out.get(2).chunkCount()).isEqualTo(2);
        List<String> reasons =
                harness.getSideOutput(Rejections.TAG).stream()
                        .map(r -> r.getValue().reason())
                        .toList();
        assertThat(reasons)
                .hasSize(25)
                .allSatisfy(r -> assertThat(r).contains("after the end of session 's1'"));
    }

    @Test
    void restoringFromASnapshotMixesExactlyWhatAnUninterruptedRunMixes() throws Exception {
        List<Frame> all = new ArrayList<>();
        all.add(mark(FrameKind.SESSION_STARTED, T0));
        all.addAll(alice(0, 250));
        all.add(mark(FrameKind.SESSION_ENDED, T0 + 5_000_000L));

        feed(all);
        List<MixOutput> uninterrupted = harness.extractOutputValues();

        KeyedOneInputStreamOperatorTestHarness<String, Frame, MixOutput> first = newHarness();
        first.open();
        int cut = 123;
        for (Frame f : all.subList(0, cut)) {
            first.processElement(new StreamRecord<>(f));
        }
        List<MixOutput> before = new ArrayList<>(first.extractOutputValues());
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();

        KeyedOneInputStreamOperatorTestHarness<String, Frame, MixOutput> restored = newHarness();
        restored.initializeState(snapshot);
        restored.open();
        for (Frame f : all.subList(cut, all.size())) {
            restored.processElement(new StreamRecord<>(f));
        }
        List<MixOutput> resumed = new ArrayList<>(before);
        resumed.addAll(restored.extractOutputValues());
        restored.close();

        assertThat(resumed).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < resumed.size(); i++) {
            assertThat(resumed.get(i).kind()).isEqualTo(uninterrupted.get(i).kind());
            assertThat(resumed.get(i).index()).isEqualTo(uninterrupted.get(i).index());
            assertThat(resumed.get(i).pcm()).isEqualTo(uninterrupted.get(i).pcm());
        }
    }
}
