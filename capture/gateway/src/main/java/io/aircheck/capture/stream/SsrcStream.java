package io.aircheck.capture.stream;

import java.util.List;

/**
 * One SSRC's packets on a track: extended sequence numbers and timestamps, the payload type, the
 * sequence probation of RFC 3550 A.1 (a jump is believed only when the next packet follows it), and
 * the reorder buffer.
 */
final class SsrcStream {
    /** RFC 3550 A.1: the largest forward gap taken as loss rather than a restart. */
    static final int MAX_DROPOUT = 3000;

    /** RFC 3550 A.1: the largest step back taken as reordering rather than a restart. */
    static final int MAX_MISORDER = 100;

    /** A packet ahead in sequence but this far behind in media time restarted its media clock. */
    static final long MAX_TIMESTAMP_STEP_BACK = 48_000;

    /** One packet waiting in the reorder buffer. */
    record Packet(long timestamp, long durationTicks, byte[] payload) {}

    /** The outcome of checking a packet's sequence number against the stream. */
    enum SequenceCheck {
        IN_STREAM,
        HELD_BACK,
        RESTART
    }

    final long ssrc;
    final WrapCounter sequences = WrapCounter.sequence();
    final WrapCounter timestamps = WrapCounter.timestamp();
    final ReorderBuffer<Packet> buffer;
    int payloadType;
    private int probation = -1;
    private long firstReleased = -1;

    SsrcStream(long ssrc, int payloadType, long holdUs, int capacity) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.buffer = new ReorderBuffer<>(holdUs, capacity);
    }

    /** RFC 3550 A.1 with a reorder buffer in front: big jumps must be confirmed by a successor. */
    SequenceCheck checkSequence(int sequence, long timestamp) {
        long highest = sequences.highest();
        if (highest < 0) {
            return SequenceCheck.IN_STREAM;
        }
        int ahead = (int) ((sequence - highest) & 0xffff);
        boolean jump = ahead >= MAX_DROPOUT && ahead <= 0x10000 - MAX_MISORDER;
        if (jump) {
            if (sequence == probation) {
                probation = -1;
                return SequenceCheck.RESTART;
            }
            probation = (sequence + 1) & 0xffff;
            return SequenceCheck.HELD_BACK;
        }
        probation = -1;
        if (ahead > 0 && ahead < MAX_DROPOUT) {
            long step = timestamps.peek(timestamp) - timestamps.highest();
            if (step < -MAX_TIMESTAMP_STEP_BACK) {
                return SequenceCheck.RESTART; // newer packet, much older media: clock restarted
            }
        }
        return SequenceCheck.IN_STREAM;
    }

    ReorderBuffer.Offer offer(
            RtpPacket packet,
            Packet item,
            long arrivalUs,
            List<ReorderBuffer.Released<Packet>> out) {
        long sequence = sequences.extend(packet.sequence());
        return buffer.offer(sequence, item, arrivalUs, out);
    }

    /** The released packet's position counted from this stream's first released packet. */
    long positionOf(ReorderBuffer.Released<Packet> released) {
        if (firstReleased < 0) {
            firstReleased = released.sequence();
        }
        return released.sequence() - firstReleased;
    }
}
