package io.aircheck.jobs.indexer.transcript;

import io.aircheck.protocol.v1.RoomEvent;

/**
 * Applies a room event to the indexer's {@link SessionInfo}. Returns what the event changed for the
 * session's segments: nothing, one participant's segments, or all of them (title, visibility).
 */
public final class SessionEvents {
    private SessionEvents() {}

    /** What an event changed for the documents already written. */
    public record Change(boolean all, String participantId) {
        public static final Change NONE = new Change(false, null);
        public static final Change ALL = new Change(true, null);

        public static Change of(String participantId) {
            return new Change(false, participantId);
        }

        public boolean any() {
            return all || participantId != null;
        }
    }

    public static Change apply(SessionInfo info, RoomEvent event) {
        switch (event.getKindCase()) {
            case ROOM_OPENED -> {
                var opened = event.getRoomOpened();
                info.opened = true;
                info.startedAtUs = event.getTimestampUs();
                info.title = opened.getTitle();
                info.visibility =
                        opened.getVisibilityValue() == 0 ? "PUBLIC" : opened.getVisibility().name();
                return Change.ALL;
            }
            case ROOM_CLOSED -> {
                info.closed = true;
                info.closedAtUs = event.getTimestampUs();
                return Change.NONE;
            }
            case PARTICIPANT_JOINED -> {
                var joined = event.getParticipantJoined();
                String before = info.names.put(joined.getParticipantId(), joined.getDisplayName());
                return joined.getDisplayName().equals(before)
                        ? Change.NONE
                        : Change.of(joined.getParticipantId());
            }
            case RECORDING_CONSENT_CHANGED -> {
                var changed = event.getRecordingConsentChanged();
                boolean before = info.consented(changed.getParticipantId());
                info.consent.put(changed.getParticipantId(), changed.getConsent());
                return before == changed.getConsent()
                        ? Change.NONE
                        : Change.of(changed.getParticipantId());
            }
            default -> {
                return Change.NONE;
            }
        }
    }
}
