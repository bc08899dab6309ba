package io.aircheck.capture.room;

import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;

/**
 * An open room that had no accepted event or frame for a while (its close never came): when it last
 * had one (gateway clock, µs) and how far its records reached on the room clock.
 */
public record IdleRoom(String roomId, String sessionId, long lastActiveAtUs, long roomClockUs) {
    /** The {@code RoomClosed} reason of a room closed for being idle. */
    public static final String REASON = "idle";

    /**
     * The event that closes the room: at the end of its last record on the room clock (no invented
     * time after it), with an id of its own per session so that it is written once.
     */
    public RoomEvent closeEvent() {
        return RoomEvent.newBuilder()
                .setEventId("idle-close-" + sessionId)
                .setRoomId(roomId)
                .setSessionId(sessionId)
                .setTimestampUs(roomClockUs)
                .setRoomClosed(RoomClosed.newBuilder().setReason(REASON))
                .build();
    }
}
