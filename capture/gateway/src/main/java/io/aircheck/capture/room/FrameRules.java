package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.StreamMark;

/** The rules a media frame must satisfy against its room's state. */
final class FrameRules {
    private FrameRules() {}

    /** Decides on a client's frame against its room ({@code room} null: never opened). */
    static FrameDecision decide(RoomState room, AudioFrame frame, int maxPayload) {
        if (isMark(frame)) {
            return rejected(markFromClient(frame));
        }
        if (room == null) {
            return rejected(Rejection.unknownRoom(frame.getRoomId()));
        }
        if (!room.isOpen()) {
            return rejected(Rejection.closedRoom(room.roomId));
        }
        Rejection wrongSession = EventDecider.sessionMismatch(room, "frame", frame.getSessionId());
        if (wrongSession != null) {
            return rejected(wrongSession);
        }
        Rejection absent = EventRules.present(room, frame.getParticipantId());
        if (absent != null) {
            return rejected(absent);
        }
        PublishedTrack track = room.track(frame.getParticipantId(), frame.getTrackId());
        if (track == null) {
            return rejected(EventRules.notPublished(frame.getParticipantId(), frame.getTrackId()));
        }
        Rejection broken = check(room, track, frame, maxPayload);
        if (broken != null) {
            return rejected(broken);
        }
        return new FrameDecision.Accepted(
                frame.toBuilder()
                        .setSessionId(room.sessionId())
                        .setCodec(track.codec)
                        .setSampleRate(track.sampleRate)
                        .setChannels(track.channels)
                        .setDiscontinuity(
                                frame.getDiscontinuity()
                                        || track.sequences.isGapBefore(frame.getSequence()))
                        .build());
    }

    private static FrameDecision rejected(Rejection rejection) {
        return new FrameDecision.Rejected(rejection);
    }

    /** The rejection, or null when {@code frame} may be written to {@code track}. */
    static Rejection check(RoomState room, PublishedTrack track, AudioFrame frame, int maxPayload) {
        int size = frame.getPayload().size();
        if (size == 0) {
            return Rejection.invalid("frame without payload");
        }
        if (size > maxPayload) {
            return new Rejection(
                    Rejection.Code.TOO_LARGE,
                    "payload of "
                            + size
                            + " bytes exceeds the maximum of "
                            + maxPayload
                            + " bytes per frame; send shorter frames (e.g. 20 ms)");
        }
        Rejection mismatch = formatMismatch(track, frame);
        if (mismatch != null) {
            return mismatch;
        }
        long ts = frame.getTimestampUs();
        if (ts <= 0) {
            return Rejection.invalid("frame has no timestamp_us (room clock, µs since the epoch)");
        }
        if (ts < room.sessionStartUs()) {
            return Rejection.invalid(
                    "timestamp_us "
                            + ts
                            + " is before the start of session "
                            + room.sessionId()
                            + " ("
                            + room.sessionStartUs()
                            + ")");
        }
        long sequence = frame.getSequence();
        if (sequence < 0) {
            return Rejection.invalid(
                    "sequence " + Long.toUnsignedString(sequence) + " is too large");
        }
        return switch (track.sequences.status(sequence)) {
            case NEW -> null;
            case DUPLICATE ->
                    new Rejection(
                            Rejection.Code.DUPLICATE,
                            "sequence "
                                    + sequence
                                    + " of track '"
                                    + track.trackId
                                    + "' was already accepted");
            case TOO_OLD ->
                    Rejection.invalid(
                            "sequence "
                                    + sequence
                                    + " of track '"
                                    + track.trackId
                                    + "' is more than "
                                    + SequenceWindow.SIZE
                                    + " frames behind the newest; it is too late to accept");
        };
    }

    /** Unset fields (0) are filled from the track; set ones must match it. */
    private static Rejection formatMismatch(PublishedTrack track, AudioFrame frame) {
        boolean codecDiffers =
                frame.getCodec() != Codec.CODEC_UNSPECIFIED && frame.getCodec() != track.codec;
        boolean rateDiffers =
                frame.getSampleRate() != 0 && frame.getSampleRate() != track.sampleRate;
        boolean channelsDiffer = frame.getChannels() != 0 && frame.getChannels() != track.channels;
        if (codecDiffers || rateDiffers || channelsDiffer) {
            return Rejection.invalid(
                    "frame ("
                            + frame.getCodec()
                            + ", "
                            + frame.getSampleRate()
                            + " Hz, "
                            + frame.getChannels()
                            + " ch) does not match the published "
                            + track.describe());
        }
        return null;
    }

    private static Rejection markFromClient(AudioFrame frame) {
        return Rejection.invalid(
                "stream marks ("
                        + frame.getMark()
                        + ") are written by the gateway only; send media frames");
    }

    private static boolean isMark(AudioFrame frame) {
        return frame.getMark() != StreamMark.STREAM_MARK_UNSPECIFIED;
    }
}
