package io.aircheck.capture.stream;

/**
 * A frame of a gateway-stamped track (RTP, raw PCM), ready to be written: its place in the track's
 * frame sequence (relative to the track's first; a jump means frames were lost), its room-clock
 * time, duration and payload.
 */
public record StampedFrame(
        long relativeSequence,
        long timestampUs,
        int durationUs,
        byte[] payload,
        boolean discontinuity) {}
