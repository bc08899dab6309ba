package io.aircheck.jobs.consent;

/**
 * What the consent job learns about a room session: a speaker's consent changed ({@code
 * participantId}, {@code consent}), or the recording was finalized ({@code recording}).
 */
public record ConsentInput(
        String roomId,
        String sessionId,
        String participantId,
        Boolean consent,
        SessionRecording recording) {
    public static ConsentInput consent(
            String roomId, String sessionId, String participantId, boolean consent) {
        return new ConsentInput(roomId, sessionId, participantId, consent, null);
    }

    public static ConsentInput recorded(SessionRecording recording) {
        return new ConsentInput(recording.roomId(), recording.sessionId(), null, null, recording);
    }
}
