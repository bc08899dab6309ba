package io.aircheck.jobs.indexer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.aircheck.protocol.v1.TranscriptSegment;

/** A {@code room.transcripts} record that decoded, carried as its protobuf bytes. */
public record LoggedSegment(String roomId, String sessionId, String segmentId, byte[] value) {
    public TranscriptSegment segment() {
        try {
            return TranscriptSegment.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("segment decoded before, no longer decodes", e);
        }
    }
}
