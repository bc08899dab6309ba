package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bound track's RTP stream: what comes out, in which order, when and with which times. */
class RtpTrackStreamTest {
    static final long T0 = 1_790_000_000_000_000L;
    static final long HOLD = 100_000;
    static final long SSRC = 0xDEADBEEFL;

    final RtpTrackStream stream = new RtpTrackStream(null, 0, HOLD);
    final List<StampedFrame> out = new ArrayList<>();

    /** Packet k of a sender starting at sequence {@code seq0}, timestamp {@code ts0}. */
    RtpVerdict send(long ssrc, int seq0, long ts0, int k, long arrivalUs) {
        byte[] datagram =
                RtpPackets.packet(
                        111,
                        (seq0 + k) & 0xffff,
                        (ts0 + 960L * k) & 0xffffffffL,
                        ssrc,
                        RtpPackets.opus20ms(k & 0x7f, 40));
        return stream.accept(RtpPackets.parse(datagram), arrivalUs, out);
    }

    static long arrival(int k) {
        return T0 + (k + 1) * 20_000L;
    }

    @Test
    void framesComeOutInOrderAcrossSequenceAndTimestampWrapWithExactMediaTimes() {
        int seq0 = 65_530;
        long ts0 = 4_294_960_000L;
        for (int k = 0; k < 20; k++) {
            assertThat(send(SSRC, seq0, ts0, k, arrival(k)).kind())
                    .isEqualTo(RtpVerdict.Kind.ACCEPTED);
        }
        stream.release(arrival(19) + HOLD, out);
        assertThat(out).hasSize(20);
        for (int k = 0; k < 20; k++) {
            StampedFrame f = out.get(k);
            assertThat(f.relativeSequence()).isEqualTo(k);
            assertThat(f.timestampUs()).isEqualTo(T0 + k * 20_000L);
            assertThat(f.durationUs()).isEqualTo(20_000);
            assertThat(f.discontinuity()).isFalse();
            assertThat(f.payload()[1]).isEqualTo((byte) k);
        }
    }

    @Test
    void lossReorderingAndDuplicatesComeOutCompleteWhereDataExistedWithGapsMarked() {
        int[] order = {0, 1, 3, 2, 4, 4, 6, 7, 8, 9}; // 2/3 swapped, 4 twice, 5 lost
        List<RtpVerdict.Kind> verdicts = new ArrayList<>();
        for (int k : order) {
            verdicts.add(send(SSRC, 100, 5_000, k, arrival(k) + (k == 2 ? 30_000 : 0)).kind());
        }
        stream.flush(out);
        assertThat(verdicts).containsOnly(RtpVerdict.Kind.ACCEPTED, RtpVerdict.Kind.DUPLICATE);
        assertThat(verdicts).filteredOn(v -> v == RtpVerdict.Kind.DUPLICATE).hasSize(1);
        assertThat(out)
                .extracting(StampedFrame::relativeSequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L);
        assertThat(out)
                .filteredOn(StampedFrame::discontinuity)
                .extracting(StampedFrame::relativeSequence)
                .containsExactly(6L);
        assertThat(out)
                .allSatisfy(
                        f ->
                                assertThat(f.timestampUs())
                                        .isEqualTo(T0 + f.relativeSequence() * 20_000));
        assertThat(stream.lostCount()).isEqualTo(1);
    }

    @Test
    void aPacketAfterItsGapWasGivenUpIsLate() {
        for (int k : new int[] {0, 1, 3}) {
            send(SSRC, 0, 0, k, arrival(k));
        }
        stream.release(arrival(3) + HOLD, out);
        assertThat(send(SSRC, 0, 0, 2, arrival(3) + HOLD + 1).kind())
                .isEqualTo(RtpVerdict.Kind.LATE);
        assertThat(out).extracting(StampedFrame::relativeSequence).containsExactly(0L, 1L, 3L);
    }

    @Test
    void aNewSsrcContinuesTheTrackWithoutGoingBackInTime() {
        for (int k = 0; k < 10; k++) {
            send(SSRC, 0, 0, k, arrival(k));
        }
        // the sender restarts: new SSRC, random sequence and timestamp, 1 s later
        for (int k = 0; k < 10; k++) {
            send(42, 30_000, 777_777, k, arrival(k + 60));
        }
        stream.flush(out);
        assertThat(out)
                .extracting(StampedFrame::relativeSequence)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 20).boxed().toList());
        assertThat(out.get(10).timestampUs()).isEqualTo(T0 + 60 * 20_000L);
        assertThat(stream.ssrcChanges()).isEqualTo(1);
        assertThat(send(SSRC, 0, 0, 10, arrival(80)).reason())
                .isEqualTo("SSRC 3735928559 was replaced by SSRC 42 on this track");
    }

    @Test
    void aNewStreamArrivingBeforeThePreviousEndedIsPlacedAfterIt() {
        for (int k = 0; k < 10; k++) {
            send(SSRC, 0, 0, k, arrival(k) + 50_000); // a slow path
        }
        for (int k = 0; k < 5; k++) {
            send(42, 9, 9, k, arrival(k + 10)); // a fast one
        }
        stream.flush(out);
        StampedFrame lastOld = out.get(9);
        assertThat(out.get(10).timestampUs()).isEqualTo(lastOld.timestampUs() + 20_000);
    }

    @Test
    void aSequenceJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        for (int k = 0; k < 5; k++) {
            send(SSRC, 0, 0, k, arrival(k));
        }
        RtpVerdict stray = send(SSRC, 20_000, 0, 0, arrival(5));
        assertThat(stray.kind()).isEqualTo(RtpVerdict.Kind.REFUSED);
        assertThat(stray.reason())
                .isEqualTo(
                        "sequence number jumped to 20000 (after 4); the jump is believed once packet 20001 follows it");
        assertThat(send(SSRC, 0, 0, 5, arrival(5)).kind()).isEqualTo(RtpVerdict.Kind.ACCEPTED);
        // a real restart of the same SSRC: two packets in a row from the new place
        send(SSRC, 40_000, 96_000, 0, arrival(6));
        assertThat(send(SSRC, 40_000, 96_000, 1, arrival(7)).kind())
                .isEqualTo(RtpVerdict.Kind.ACCEPTED);
        stream.flush(out);
        assertThat(out)
                .extracting(StampedFrame::relativeSequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(stream.restarts()).isEqualTo(1);
    }

    @Test
    void payloadTypesAndPayloadsAreChecked() {
        byte[] pcmu = RtpPackets.packet(0, 1, 0, SSRC, new byte[] {1, 2, 3});
        assertThat(stream.accept(RtpPackets.parse(pcmu), T0, out).reason())
                .isEqualTo(
                        "payload type 0 is not a dynamic type (96-127), as Opus over RTP uses (RFC 7587)");
        send(SSRC, 0, 0, 0, arrival(0)); // locks 111
        byte[] other = RtpPackets.packet(101, 2, 960, SSRC, RtpPackets.opus20ms(1, 10));
        assertThat(stream.accept(RtpPackets.parse(other), T0, out).reason())
                .isEqualTo("payload type 101 is not this track's Opus payload type 111");
        byte[] empty = RtpPackets.packet(111, 2, 960, SSRC, new byte[0]);
        assertThat(stream.accept(RtpPackets.parse(empty), T0, out).reason())
                .isEqualTo("the packet has no payload");
        byte[] notOpus = RtpPackets.packet(111, 2, 960, SSRC, new byte[] {(byte) 0xfb, 0});
        assertThat(stream.accept(RtpPackets.parse(notOpus), T0, out).reason())
                .isEqualTo("the payload is not an Opus packet (RFC 6716 TOC byte 0xfb, 2 bytes)");
        RtpTrackStream bound = new RtpTrackStream(7L, 96, HOLD);
        byte[] wrongSsrc = RtpPackets.packet(96, 1, 0, 8, RtpPackets.opus20ms(1, 10));
        assertThat(bound.accept(RtpPackets.parse(wrongSsrc), T0, out).reason())
                .isEqualTo("SSRC 8 is not the SSRC bound to this track (7)");
    }

    @Test
    void aMediaClockThatStepsBackStartsAFreshMappingWithoutGoingBack() {
        for (int k = 0; k < 5; k++) {
            send(SSRC, 0, 500_000, k, arrival(k));
        }
        // sequence goes on, timestamps restart from 0 (a source switch behind the same SSRC)
        for (int k = 5; k < 10; k++) {
            byte[] d = RtpPackets.packet(111, k, 960L * (k - 5), SSRC, RtpPackets.opus20ms(k, 20));
            stream.accept(RtpPackets.parse(d), arrival(k), out);
        }
        stream.flush(out);
        assertThat(out)
                .extracting(StampedFrame::relativeSequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).timestampUs()).isGreaterThan(out.get(i - 1).timestampUs());
        }
        assertThat(out.get(5).timestampUs()).isEqualTo(T0 + 5 * 20_000L);
    }
}
