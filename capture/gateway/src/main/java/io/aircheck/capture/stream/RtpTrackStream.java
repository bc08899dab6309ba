package io.aircheck.capture.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RTP/Opus stream of one bound track (RFC 3550, RFC 7587), from datagrams to stamped frames:
 * payload type and SSRC checks, sequence wrap and jumps, reordering, duplicates and loss (a gap
 * marks the next frame as a discontinuity), timestamp wrap, and the room-clock mapping of the RTP
 * timestamps (48 kHz), which carries on across SSRC changes without going back in time.
 *
 * <p>On a track bound without an SSRC, a packet of a new SSRC starts a new stream and retires the
 * old one (what is waiting of it comes out first); packets of a retired SSRC are refused. Not
 * thread-safe: one receiving thread owns it (the gateway synchronizes on it when a track ends).
 */
public final class RtpTrackStream {
    /** RFC 7587 §4.1: the RTP clock of Opus is always 48 kHz. */
    public static final long CLOCK_RATE = 48_000;

    /** Packets that may wait in the reorder buffer (10 s of 20 ms packets). */
    static final int CAPACITY = 500;

    /** Retired SSRCs remembered (to refuse their stragglers). */
    static final int RETIRED_REMEMBERED = 64;

    private final Long boundSsrc;
    private final long holdUs;
    private final RoomClockMapping mapping;
    private final Set<Long> retired = new LinkedHashSet<>();
    private final List<ReorderBuffer.Released<SsrcStream.Packet>> released = new ArrayList<>();
    private int payloadType;
    private SsrcStream current;
    private long nextRelative;
    private long streamBase;
    private long lostTotal;
    private long ssrcChanges;
    private long restarts;

    /**
     * @param boundSsrc the only SSRC accepted, or null for any (a new one replaces the stream)
     * @param payloadType the Opus payload type, or 0 for the first packet's dynamic type
     * @param holdUs how long a packet after a gap waits for the gap to fill
     */
    public RtpTrackStream(Long boundSsrc, int payloadType, long holdUs) {
        this.boundSsrc = boundSsrc;
        this.payloadType = payloadType;
        this.holdUs = holdUs;
        this.mapping = new RoomClockMapping(CLOCK_RATE, Long.MAX_VALUE, holdUs + 100_000);
    }

    /**
     * Takes one packet that arrived at {@code arrivalUs}; frames due now are added to {@code out}.
     */
    public RtpVerdict accept(RtpPacket packet, long arrivalUs, List<StampedFrame> out) {
        RtpVerdict refused = checkPayloadType(packet.payloadType());
        if (refused != null) {
            return refused;
        }
        long ssrc = packet.ssrc();
        if (boundSsrc != null && ssrc != boundSsrc) {
            return RtpVerdict.refused(
                    "SSRC " + ssrc + " is not the SSRC bound to this track (" + boundSsrc + ")");
        }
        if (retired.contains(ssrc)) {
            return RtpVerdict.refused(
                    "SSRC " + ssrc + " was replaced by SSRC " + current.ssrc + " on this track");
        }
        int durationUs =
                OpusPackets.durationUs(
                        packet.data(), packet.payloadOffset(), packet.payloadLength());
        if (durationUs <= 0) {
            return RtpVerdict.refused(
                    packet.payloadLength() == 0
                            ? "the packet has no payload"
                            : "the payload is not an Opus packet (RFC 6716 TOC byte 0x"
                                    + String.format("%02x", packet.data()[packet.payloadOffset()])
                                    + ", "
                                    + packet.payloadLength()
                                    + " bytes)");
        }
        if (current == null) {
            startStream(ssrc, null);
        } else if (current.ssrc != ssrc) {
            retire(current.ssrc);
            ssrcChanges++;
            startStream(ssrc, out);
        }
        switch (current.checkSequence(packet.sequence(), packet.timestamp())) {
            case HELD_BACK -> {
                return RtpVerdict.refused(
                        "sequence number jumped to "
                                + packet.sequence()
                                + " (after "
                                + (current.sequences.highest() & 0xffff)
                                + "); the jump is believed once packet "
                                + ((packet.sequence() + 1) & 0xffff)
                                + " follows it");
            }
            case RESTART -> {
                restarts++;
                startStream(ssrc, out);
            }
            case IN_STREAM -> {}
        }
        long timestamp = current.timestamps.extend(packet.timestamp());
        long durationTicks = durationUs * CLOCK_RATE / 1_000_000;
        mapping.observe(timestamp + durationTicks, arrivalUs);
        var item = new SsrcStream.Packet(timestamp, durationTicks, packet.payload());
        var offer = current.offer(packet, item, arrivalUs, released);
        stampReleased(out);
        return switch (offer) {
            case HELD -> RtpVerdict.ACCEPTED;
            case DUPLICATE -> RtpVerdict.DUPLICATE;
            case LATE -> RtpVerdict.late(holdUs);
        };
    }

    /** Frames whose hold ran out by {@code nowUs}. */
    public void release(long nowUs, List<StampedFrame> out) {
        if (current != null) {
            current.buffer.release(nowUs, released);
            stampReleased(out);
        }
    }

    /** Everything still waiting, in order (the track ends). */
    public void flush(List<StampedFrame> out) {
        if (current != null) {
            current.buffer.flush(released);
            stampReleased(out);
        }
    }

    /** When {@link #release} next has something to do, or -1. */
    public long nextDueUs() {
        return current == null ? -1 : current.buffer.nextDueUs();
    }

    public int waitingCount() {
        return current == null ? 0 : current.buffer.waitingCount();
    }

    /** Packets given up as lost (gaps in the sequence numbers that never filled). */
    public long lostCount() {
        return lostTotal + (current == null ? 0 : current.buffer.lostCount());
    }

    public long ssrcChanges() {
        return ssrcChanges;
    }

    /** Restarts of the same SSRC (sequence jump confirmed, media clock stepped back). */
    public long restarts() {
        return restarts;
    }

    /** Corrections of the room-clock mapping (drift, jumps), besides new streams. */
    public long clockCorrections() {
        return mapping.corrections();
    }

    /** The current SSRC, or -1 before the first packet. */
    public long currentSsrc() {
        return current == null ? -1 : current.ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    private RtpVerdict checkPayloadType(int type) {
        if (payloadType == 0) {
            if (type < 96 || type > 127) {
                return RtpVerdict.refused(
                        "payload type "
                                + type
                                + " is not a dynamic type (96-127), as Opus over RTP uses (RFC 7587)");
            }
            payloadType = type;
            return null;
        }
        if (type != payloadType) {
            return RtpVerdict.refused(
                    "payload type "
                            + type
                            + " is not this track's Opus payload type "
                            + payloadType);
        }
        return null;
    }

    private void retire(long ssrc) {
        retired.add(ssrc);
        if (retired.size() > RETIRED_REMEMBERED) {
            Iterator<Long> oldest = retired.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Ends the current stream (its waiting packets come out into {@code out}) and starts one. */
    private void startStream(long ssrc, List<StampedFrame> out) {
        if (current != null) {
            current.buffer.flush(released);
            stampReleased(out);
            lostTotal += current.buffer.lostCount();
            streamBase = nextRelative;
            mapping.restart();
        }
        current = new SsrcStream(ssrc, payloadType, holdUs, CAPACITY);
    }

    private void stampReleased(List<StampedFrame> out) {
        for (ReorderBuffer.Released<SsrcStream.Packet> r : released) {
            SsrcStream.Packet p = r.item();
            long relative = streamBase + current.positionOf(r);
            long at = mapping.stamp(p.timestamp(), p.timestamp() + p.durationTicks());
            out.add(
                    new StampedFrame(
                            relative,
                            at,
                            (int) (p.durationTicks() * 1_000_000 / CLOCK_RATE),
                            p.payload(),
                            r.lostBefore() > 0));
            nextRelative = relative + 1;
        }
        released.clear();
    }
}
