package io.aircheck.capture.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireHeaders;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.DeadLetter;
import io.aircheck.protocol.v1.RoomEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns the gateway's records into Kafka records: events to {@code room.events}, frames and marks
 * to {@code room.audio}, both keyed by room id with the schema header; refused input to the source
 * topic's {@code .dlq} with the reason header.
 */
final class RoomLogWriter {
    static final String REJECTED_BY = "capture-gateway";

    private final RecordSink sink;

    RoomLogWriter(RecordSink sink) {
        this.sink = sink;
    }

    CompletableFuture<Void> writeEvent(RoomEvent event) {
        return sink.send(record(Topics.ROOM_EVENTS, event.getRoomId(), event));
    }

    CompletableFuture<Void> writeFrame(AudioFrame frame) {
        return sink.send(record(Topics.ROOM_AUDIO, frame.getRoomId(), frame));
    }

    /**
     * Writes refused input to {@code sourceTopic}'s dead-letter topic.
     *
     * @param roomId the room, when known (also the key); null otherwise
     */
    CompletableFuture<Void> writeDeadLetter(
            String sourceTopic, String roomId, byte[] value, String reason, String origin) {
        DeadLetter.Builder letter =
                DeadLetter.newBuilder()
                        .setSourceTopic(sourceTopic)
                        .setSourcePartition(-1)
                        .setSourceOffset(-1)
                        .setRejectedBy(REJECTED_BY)
                        .setReason(reason)
                        .setRejectedAtMs(System.currentTimeMillis())
                        .setOrigin(origin);
        if (value != null) {
            letter.setValue(ByteString.copyFrom(value));
        }
        if (roomId != null) {
            letter.setRoomId(roomId).setKey(ByteString.copyFromUtf8(roomId));
        }
        ProducerRecord<byte[], byte[]> record =
                record(Topics.deadLetter(sourceTopic), roomId, letter.build());
        record.headers().add(WireHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        return sink.send(record);
    }

    private static final byte[] FRAME_SCHEMA = schemaName(AudioFrame.getDescriptor());
    private static final byte[] EVENT_SCHEMA = schemaName(RoomEvent.getDescriptor());

    /** The schema header's value (cached for the two that are written all the time). */
    private static byte[] schemaOf(Message value) {
        if (value instanceof AudioFrame) {
            return FRAME_SCHEMA;
        }
        if (value instanceof RoomEvent) {
            return EVENT_SCHEMA;
        }
        return schemaName(value.getDescriptorForType());
    }

    private static byte[] schemaName(com.google.protobuf.Descriptors.Descriptor descriptor) {
        return descriptor.getFullName().getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, Message value) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value.toByteArray());
        record.headers().add(WireHeaders.SCHEMA, schemaOf(value));
        return record;
    }
}
