package io.aircheck.jobs.kafka;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.DeadLetter;

/**
 * A record a job refused, with the reason a person can act on and where it was in the log. Sent to
 * the source topic's {@code .dlq}.
 */
public record Rejected(
        String sourceTopic,
        int partition,
        long offset,
        String roomId,
        byte[] key,
        byte[] value,
        String reason,
        String rejectedBy) {

    public static Rejected of(SourceRecord record, String roomId, String reason, String by) {
        return new Rejected(
                record.topic(),
                record.partition(),
                record.offset(),
                roomId,
                record.key(),
                record.value(),
                reason,
                by);
    }

    /** The dead letter to write to {@code sourceTopic + ".dlq"}. */
    public OutboundRecord toDeadLetter(long nowMs) {
        DeadLetter.Builder letter =
                DeadLetter.newBuilder()
                        .setSourceTopic(sourceTopic)
                        .setSourcePartition(partition)
                        .setSourceOffset(offset)
                        .setRejectedBy(rejectedBy)
                        .setReason(reason)
                        .setRejectedAtMs(nowMs)
                        .setRoomId(roomId == null ? "" : roomId);
        if (key != null) {
            letter.setKey(ByteString.copyFrom(key));
        }
        if (value != null) {
            letter.setValue(ByteString.copyFrom(value));
        }
        String recordKey = roomId != null && !roomId.isEmpty() ? roomId : null;
        return new OutboundRecord(
                recordKey,
                letter.build().toByteArray(),
                DeadLetter.getDescriptor().getFullName(),
                reason);
    }
}
