package io.aircheck.jobs.transcriber;

/**
 * One record of {@code room.audio} as the transcriber works with it: a media frame of one track, or
 * a mark (capture's, or the per-track copy of a room-wide mark), with where it came from in the
 * log.
 *
 * @param timestampUs room clock of the first sample (or of the mark)
 */
public record TrackAudio(
        Kind kind,
        String roomId,
        String sessionId,
        String participantId,
        String trackId,
        long sequence,
        long timestampUs,
        Codec codec,
        int sampleRate,
        int channels,
        byte[] payload,
        int sourcePartition,
        long sourceOffset) {

    public enum Kind {
        MEDIA,
        SESSION_STARTED,
        SESSION_ENDED,
        TRACK_ENDED,
        CLOCK
    }

    public enum Codec {
        OPUS,
        PCM_S16LE
    }

    /** The key of one speaker's track within the job: room, participant, track. */
    public String trackKey() {
        return roomId + "/" + participantId + "/" + trackId;
    }

    /** The same record at another room-clock time. */
    public TrackAudio atTime(long us) {
        return new TrackAudio(
                kind,
                roomId,
                sessionId,
                participantId,
                trackId,
                sequence,
                us,
                codec,
                sampleRate,
                channels,
                payload,
                sourcePartition,
                sourceOffset);
    }

    /** This record, addressed to one track (room-wide marks are fanned out to every track). */
    public TrackAudio forTrack(Kind newKind, String participant, String track) {
        return new TrackAudio(
                newKind,
                roomId,
                sessionId,
                participant,
                track,
                0,
                timestampUs,
                null,
                0,
                0,
                new byte[0],
                sourcePartition,
                sourceOffset);
    }
}
