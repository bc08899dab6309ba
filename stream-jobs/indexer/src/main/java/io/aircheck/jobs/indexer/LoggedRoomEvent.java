package io.aircheck.jobs.indexer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.aircheck.protocol.v1.RoomEvent;

/** A {@code room.events} record that decoded, carried as its protobuf bytes. */
public record LoggedRoomEvent(String roomId, String sessionId, byte[] value) {
    public RoomEvent event() {
        try {
            return RoomEvent.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("event decoded before, no longer decodes", e);
        }
    }
}
