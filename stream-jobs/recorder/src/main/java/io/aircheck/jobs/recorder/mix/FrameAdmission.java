package io.aircheck.jobs.recorder.mix;

import java.util.Optional;

/**
 * Whether a media frame may join its room's recording, and if not, the reason a person can act on:
 * it must belong to the session being recorded, be no earlier than its start, be neither a repeat
 * nor too far out of order on its track, and not fall in a chunk that was mixed already. Pure: the
 * recorder's state goes in, a verdict comes out.
 */
public final class FrameAdmission {
    private FrameAdmission() {}

    /**
     * @param current the session being recorded in the frame's room, or null
     * @param lastEnded the id of the room's last session that ended, or null
     * @param sequences what arrived of the frame's track so far
     * @return why the frame is refused, or empty when it is admitted
     */
    public static Optional<String> refusal(
            Frame frame,
            RecordingProgress current,
            String lastEnded,
            SeenSequences sequences,
            SessionClock clock) {
        if (current == null || !current.sessionId().equals(frame.sessionId())) {
            return Optional.of(
                    frame.sessionId().equals(lastEnded)
                            ? "session '" + frame.sessionId() + "' already ended"
                            : "no session '"
                                    + frame.sessionId()
                                    + "' is being recorded in room '"
                                    + frame.roomId()
                                    + "'");
        }
        if (frame.timestampUs() < current.startUs()) {
            return Optional.of(
                    "frame at "
                            + frame.timestampUs()
                            + " µs is before the session start "
                            + current.startUs());
        }
        SeenSequences.Verdict verdict = sequences.judge(frame.sequence());
        if (verdict == SeenSequences.Verdict.DUPLICATE) {
            return Optional.of(
                    "duplicate frame: sequence "
                            + frame.sequence()
                            + " of track "
                            + frame.trackKey()
                            + " was already received");
        }
        if (verdict == SeenSequences.Verdict.TOO_OLD) {
            return Optional.of(
                    "frame too far out of order: sequence "
                            + frame.sequence()
                            + " of track "
                            + frame.trackKey()
                            + " is more than "
                            + SeenSequences.WINDOW
                            + " behind "
                            + sequences.highest());
        }
        long mixedUpTo = current.mixedUpToUs(clock);
        if (frame.timestampUs() < mixedUpTo) {
            return Optional.of(
                    "late frame: its chunk was mixed already ("
                            + (mixedUpTo - frame.timestampUs()) / 1000
                            + " ms behind the mix)");
        }
        return Optional.empty();
    }
}
