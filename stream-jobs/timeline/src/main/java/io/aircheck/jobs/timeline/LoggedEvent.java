package io.aircheck.jobs.timeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.aircheck.protocol.v1.RoomEvent;

/**
 * A room event that decoded, carried as its protobuf bytes (Flink serializes them as a byte array)
 * with its place in the log.
 */
public record LoggedEvent(String roomId, int partition, long offset, byte[] value) {

    public RoomEvent event() {
        try {
            return RoomEvent.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("event decoded before, no longer decodes", e);
        }
    }
}
