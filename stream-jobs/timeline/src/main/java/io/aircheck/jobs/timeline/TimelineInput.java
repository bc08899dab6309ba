package io.aircheck.jobs.timeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.TranscriptSegment;

/**
 * A record the timeline reads, already checked to decode: a room event, or a transcript segment
 * (who spoke when). Carried as its protobuf bytes with its place in the log and its log timestamp
 * ({@code arrivalMs}, -1 when unknown), which decides what is too late the same way in a replay.
 */
public record TimelineInput(
        Kind kind, String roomId, int partition, long offset, byte[] value, long arrivalMs) {

    public enum Kind {
        EVENT,
        SEGMENT
    }

    public RoomEvent event() {
        try {
            return RoomEvent.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("event decoded before, no longer decodes", e);
        }
    }

    public TranscriptSegment segment() {
        try {
            return TranscriptSegment.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("segment decoded before, no longer decodes", e);
        }
    }
}
