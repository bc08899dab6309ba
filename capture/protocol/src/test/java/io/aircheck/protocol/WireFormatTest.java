package io.aircheck.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.StreamMark;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void eventRoundTripsThroughBinaryAndJson() throws Exception {
        RoomEvent event =
                RoomEvent.newBuilder()
                        .setEventId("e1")
                        .setRoomId("room-1")
                        .setTimestampUs(1_700_000_000_000_000L)
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder()
                                        .setParticipantId("alice")
                                        .setRole(Role.SPEAKER))
                        .build();
        assertThat(WireFormat.parseEvent(event.toByteArray())).isEqualTo(event);
        String json = WireFormat.toJson(event);
        assertThat(json).contains("\"participantJoined\"");
        assertThat(WireFormat.parseEventJson(json)).isEqualTo(event);
    }

    @Test
    void refusesGarbageAndHalfFormedRecords() {
        assertThatThrownBy(() -> WireFormat.parseEvent(new byte[] {(byte) 0xff, 0x01, 0x02}))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageStartingWith("not a RoomEvent");
        assertThatThrownBy(() -> WireFormat.parseEvent(null)).hasMessage("record without a value");
        assertThatThrownBy(
                        () ->
                                WireFormat.parseEvent(
                                        RoomEvent.newBuilder()
                                                .setRoomId("r")
                                                .build()
                                                .toByteArray()))
                .hasMessageContaining("has no kind");
        assertThatThrownBy(() -> WireFormat.parseEventJson("{\"roomId\": \"r\", \"bogus\": 1}"))
                .hasMessageContaining("bogus");
        assertThatThrownBy(() -> WireFormat.parseEventJson("not json"))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void framesNeedAudioUnlessTheyAreMarks() throws Exception {
        AudioFrame frame =
                AudioFrame.newBuilder()
                        .setRoomId("r")
                        .setParticipantId("p")
                        .setCodec(Codec.PCM_S16LE)
                        .setPayload(ByteString.copyFrom(new byte[] {1, 2}))
                        .build();
        assertThat(WireFormat.parseFrame(frame.toByteArray())).isEqualTo(frame);

        AudioFrame empty = frame.toBuilder().clearPayload().build();
        assertThatThrownBy(() -> WireFormat.parseFrame(empty.toByteArray()))
                .hasMessage("frame without payload");

        AudioFrame mark =
                AudioFrame.newBuilder().setRoomId("r").setMark(StreamMark.SESSION_ENDED).build();
        assertThat(WireFormat.parseFrame(mark.toByteArray()).getMark())
                .isEqualTo(StreamMark.SESSION_ENDED);
    }

    @Test
    void everyTopicHasADeadLetterTopic() {
        assertThat(Topics.all()).contains("room.audio", "room.audio.dlq", "archive.audit.dlq");
    }
}
