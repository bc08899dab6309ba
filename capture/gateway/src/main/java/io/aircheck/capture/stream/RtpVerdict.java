package io.aircheck.capture.stream;

/** What became of one RTP packet offered to a {@link RtpTrackStream}. */
public record RtpVerdict(Kind kind, String reason) {

    public enum Kind {
        /** Taken: it comes out (in order) now or after the reorder hold. */
        ACCEPTED,
        /** A repeat of a packet already taken: dropped, counted, not dead-lettered. */
        DUPLICATE,
        /** Its place in the stream was given up before it came (longer than the hold). */
        LATE,
        /** Not usable for this track (the reason says why): dead-lettered. */
        REFUSED
    }

    static final RtpVerdict ACCEPTED = new RtpVerdict(Kind.ACCEPTED, null);
    static final RtpVerdict DUPLICATE =
            new RtpVerdict(Kind.DUPLICATE, "a repeat of a packet already received");

    static RtpVerdict late(long holdUs) {
        return new RtpVerdict(
                Kind.LATE,
                "arrived after its place in the stream was given up as lost (reorder hold "
                        + holdUs / 1000
                        + " ms)");
    }

    static RtpVerdict refused(String reason) {
        return new RtpVerdict(Kind.REFUSED, reason);
    }
}
