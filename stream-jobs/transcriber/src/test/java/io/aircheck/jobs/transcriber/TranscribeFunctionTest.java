package io.aircheck.jobs.transcriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.Signals;
import io.aircheck.protocol.v1.TranscriptSegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The transcribe operator with a deterministic engine: timing, gaps, restore, bad frames. */
class TranscribeFunctionTest {
    private static final long T0 = 1_764_000_000_000_000L;
    private static final int RATE = 48_000;

    /** 1 s quiet, 2 s talk, 1.5 s quiet, 1.5 s talk, 1 s quiet: two utterances. */
    private static short[] speech() {
        short[] at16k =
                Signals.concat(
                        Signals.hiss(1, 1),
                        Signals.talk(2, 2),
                        Signals.hiss(1.5, 3),
                        Signals.talk(1.5, 4),
                        Signals.hiss(1, 5));
        short[] at48k = new short[at16k.length * 3];
        for (int i = 0; i < at48k.length; i++) {
            at48k[i] = at16k[i / 3];
        }
        return at48k;
    }

    private static TrackAudio frame(
            String participant, long seq, long atUs, short[] pcm, int from) {
        ByteBuffer bytes = ByteBuffer.allocate(960 * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm, from, 960);
        return new TrackAudio(
                TrackAudio.Kind.MEDIA,
                "room",
                "s1",
                participant,
                "mic",
                seq,
                atUs,
                TrackAudio.Codec.PCM_S16LE,
                RATE,
                1,
                bytes.array(),
                0,
                seq);
    }

    private static List<TrackAudio> frames(String participant, short[] pcm, long startUs) {
        List<TrackAudio> frames = new ArrayList<>();
        for (int i = 0; (i + 1) * 960 <= pcm.length; i++) {
            frames.add(frame(participant, i, startUs + i * 20_000L, pcm, i * 960));
        }
        return frames;
    }

    private static TrackAudio end(String participant, long atUs) {
        return new TrackAudio(
                TrackAudio.Kind.TRACK_ENDED,
                "room",
                "s1",
                participant,
                "mic",
                0,
                atUs,
                null,
                0,
                0,
                new byte[0],
                0,
                0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TrackAudio, OutboundRecord>
            harness() throws Exception {
        return TranscribeHarness.of(FakeEngine.FACTORY);
    }

    private static List<TranscriptSegment> run(List<TrackAudio> input) throws Exception {
        var h = harness();
        h.open();
        for (TrackAudio f : input) {
            h.processElement(new StreamRecord<>(f));
        }
        List<TranscriptSegment> out = segments(h.extractOutputValues());
        h.close();
        return out;
    }

    private static List<TranscriptSegment> segments(List<OutboundRecord> records) throws Exception {
        List<TranscriptSegment> out = new ArrayList<>();
        for (OutboundRecord r : records) {
            assertThat(r.key()).isEqualTo("room");
            assertThat(r.schema()).isEqualTo("aircheck.v1.TranscriptSegment");
            out.add(TranscriptSegment.parseFrom(r.value()));
        }
        return out;
    }

    @Test
    void eachUtteranceBecomesASegmentTimedOnTheRoomClock() throws Exception {
        List<TrackAudio> input = new ArrayList<>(frames("alice", speech(), T0));
        input.add(end("alice", T0 + 7_000_000));
        List<TranscriptSegment> segments = run(input);
        assertThat(segments).hasSize(2);
        TranscriptSegment first = segments.get(0);
        assertThat(first.getParticipantId()).isEqualTo("alice");
        assertThat(first.getSessionId()).isEqualTo("s1");
        assertThat(first.getEngine()).isEqualTo("fake");
        assertThat(first.getStartUs() - T0).isBetween(1_000_000L, 1_100_000L);
        assertThat(first.getEndUs() - T0).isBetween(2_900_000L, 3_100_000L);
        assertThat(segments.get(1).getStartUs() - T0).isBetween(4_500_000L, 4_600_000L);
        assertThat(segments.get(1).getSegmentId())
                .isEqualTo("room:s1:alice:mic:" + (T0 / 1000 + 4_500 - CutterSettings.LEAD_IN_MS));
    }

    @Test
    void missingFramesAreSilenceOnTheRoomClock() throws Exception {
        short[] pcm = speech();
        List<TrackAudio> all = frames("bob", pcm, T0);
        // the sender stops sending for 3 s of silence (DTX): drop 1.2 s..4.2 s of frames... of the
        // quiet parts only, then everything after comes 3 s later on the room clock
        List<TrackAudio> input = new ArrayList<>();
        for (TrackAudio f : all) {
            long t = f.timestampUs() - T0;
            if (t < 3_100_000) {
                input.add(f);
            } else if (t >= 3_400_000) {
                input.add(f.atTime(f.timestampUs() + 3_000_000));
            }
        }
        input.add(end("bob", T0 + 10_000_000));
        List<TranscriptSegment> segments = run(input);
        assertThat(segments).hasSize(2);
        assertThat(segments.get(1).getStartUs() - T0).isBetween(7_500_000L, 7_600_000L);
    }

    @Test
    void aRestoreFromASnapshotGivesExactlyTheSegmentsOfAnUninterruptedRun() throws Exception {
        List<TrackAudio> input = new ArrayList<>(frames("alice", speech(), T0));
        input.add(end("alice", T0 + 7_000_000));
        List<TranscriptSegment> uninterrupted = run(input);

        for (int cut : new int[] {60, 123, 170, 260}) { // before, inside, between utterances
            List<TranscriptSegment> resumed =
                    TranscribeHarness.restoredAt(FakeEngine.FACTORY, input, cut);
            assertThat(resumed).as("cut at frame %d", cut).isEqualTo(uninterrupted);
        }
    }

    @Test
    void duplicateAndUndecodableFramesAreDeadLetteredWithAReason() throws Exception {
        List<TrackAudio> input = new ArrayList<>(frames("alice", speech(), T0).subList(0, 10));
        input.add(input.get(5));
        input.add(
                new TrackAudio(
                        TrackAudio.Kind.MEDIA,
                        "room",
                        "s1",
                        "alice",
                        "mic",
                        11,
                        T0 + 220_000,
                        TrackAudio.Codec.PCM_S16LE,
                        RATE,
                        2,
                        new byte[] {1, 2, 3},
                        0,
                        99));
        var h = harness();
        h.open();
        for (TrackAudio f : input) {
            h.processElement(new StreamRecord<>(f));
        }
        List<String> reasons =
                h.getSideOutput(Rejections.TAG).stream()
                        .map(StreamRecord::getValue)
                        .map(Rejected::reason)
                        .toList();
        h.close();
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("duplicate or out-of-order frame: sequence 5 after 9");
        assertThat(reasons.get(1)).contains("PCM s16le payload of 3 bytes");
    }

    @Test
    void aTrackThatStopsSendingIsClosedByTheRoomClock() throws Exception {
        short[] talk = new short[48_000 * 2];
        short[] talk16 = Signals.concat(Signals.hiss(0.5, 1), Signals.talk(1.5, 2));
        for (int i = 0; i < talk.length; i++) {
            talk[i] = talk16[i / 3];
        }
        List<TrackAudio> input = new ArrayList<>(frames("carol", talk, T0));
        TrackAudio clock =
                new TrackAudio(
                        TrackAudio.Kind.CLOCK,
                        "room",
                        "s1",
                        "carol",
                        "mic",
                        0,
                        T0 + 4_000_000,
                        null,
                        0,
                        0,
                        new byte[0],
                        0,
                        0);
        input.add(clock);
        assertThat(run(input)).hasSize(1);
        assertThat(run(input.subList(0, input.size() - 1))).isEmpty();
    }
}
