package io.aircheck.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import io.aircheck.protocol.v1.TranscriptSegment;

/**
 * Decodes the wire contract with the checks every consumer needs: bytes that do not parse, records
 * without a room, events without a kind and frames without audio are refused with a reason instead
 * of reaching domain code half-formed.
 */
public final class WireFormat {
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer JSON_PRINTER =
            JsonFormat.printer().omittingInsignificantWhitespace();

    private WireFormat() {}

    public static RoomEvent parseEvent(byte[] value) throws MalformedRecordException {
        RoomEvent event;
        try {
            event = RoomEvent.parseFrom(nonNull(value));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRecordException("not a RoomEvent: " + e.getMessage(), e);
        }
        return checkEvent(event);
    }

    /** Parses a RoomEvent from its protobuf JSON form (the HTTP ingest shape). */
    public static RoomEvent parseEventJson(String json) throws MalformedRecordException {
        RoomEvent.Builder builder = RoomEvent.newBuilder();
        try {
            JSON_PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRecordException("not a RoomEvent: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage(), e);
        }
        return checkEvent(builder.build());
    }

    public static String toJson(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JSON_PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass(), e);
        }
    }

    public static AudioFrame parseFrame(byte[] value) throws MalformedRecordException {
        AudioFrame frame;
        try {
            frame = AudioFrame.parseFrom(nonNull(value));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRecordException("not an AudioFrame: " + e.getMessage(), e);
        }
        return checkFrame(frame);
    }

    public static TranscriptSegment parseSegment(byte[] value) throws MalformedRecordException {
        try {
            TranscriptSegment segment = TranscriptSegment.parseFrom(nonNull(value));
            if (segment.getRoomId().isEmpty()) {
                throw new MalformedRecordException("transcript segment without room_id");
            }
            return segment;
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRecordException("not a TranscriptSegment: " + e.getMessage(), e);
        }
    }

    private static RoomEvent checkEvent(RoomEvent event) throws MalformedRecordException {
        if (event.getRoomId().isBlank()) {
            throw new MalformedRecordException("event without room_id");
        }
        if (event.getKindCase() == RoomEvent.KindCase.KIND_NOT_SET) {
            throw new MalformedRecordException(
                    "event for room " + event.getRoomId() + " has no kind (unknown event type?)");
        }
        return event;
    }

    private static AudioFrame checkFrame(AudioFrame frame) throws MalformedRecordException {
        if (frame.getRoomId().isBlank()) {
            throw new MalformedRecordException("frame without room_id");
        }
        if (frame.getMarkValue() != 0 && frame.getMark() == StreamMark.UNRECOGNIZED) {
            throw new MalformedRecordException("frame with unknown mark " + frame.getMarkValue());
        }
        if (frame.getMark() == StreamMark.STREAM_MARK_UNSPECIFIED) {
            if (frame.getParticipantId().isBlank()) {
                throw new MalformedRecordException("frame without participant_id");
            }
            if (frame.getPayload().isEmpty()) {
                throw new MalformedRecordException("frame without payload");
            }
        }
        return frame;
    }

    private static byte[] nonNull(byte[] value) throws MalformedRecordException {
        if (value == null) {
            throw new MalformedRecordException("record without a value");
        }
        return value;
    }
}
