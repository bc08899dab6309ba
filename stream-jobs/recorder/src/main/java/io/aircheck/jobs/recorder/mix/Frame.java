package io.aircheck.jobs.recorder.mix;

/**
 * One record of {@code room.audio} as the recorder works with it (decoded from the protobuf {@code
 * AudioFrame}), with where it came from in the log, so a rejection can point at it.
 *
 * @param timestampUs room clock of the first sample (or of the mark)
 * @param durationUs length of the payload's audio, 0 when the sender did not say
 */
public record Frame(
        FrameKind kind,
        String roomId,
        String sessionId,
        String participantId,
        String trackId,
        long sequence,
        long timestampUs,
        AudioCodec codec,
        int sampleRate,
        int channels,
        byte[] payload,
        int durationUs,
        int sourcePartition,
        long sourceOffset) {

    /** Identifies the track within the room: participant and track id. */
    public String trackKey() {
        return participantId + "/" + trackId;
    }

    /** Room-clock end of the frame's audio, using {@code decodedDurationUs} when it is known. */
    public long endUs(long decodedDurationUs) {
        return timestampUs + Math.max(durationUs, decodedDurationUs);
    }

    /** The media frames starting in [fromUs, toUs), in time order (then sequence). */
    public static Frame[] startingIn(java.util.Collection<Frame> frames, long fromUs, long toUs) {
        return frames.stream()
                .filter(f -> f.kind() == FrameKind.MEDIA)
                .filter(f -> f.timestampUs() >= fromUs && f.timestampUs() < toUs)
                .sorted(
                        java.util.Comparator.comparingLong(Frame::timestampUs)
                                .thenComparingLong(Frame::sequence))
                .toArray(Frame[]::new);
    }

    public static Frame mark(FrameKind kind, String roomId, String sessionId, long timestampUs) {
        return new Frame(
                kind,
                roomId,
                sessionId,
                "",
                "",
                0,
                timestampUs,
                null,
                0,
                0,
                new byte[0],
                0,
                -1,
                -1);
    }
}
