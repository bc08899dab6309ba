package io.aircheck.jobs.transcriber;

import com.google.protobuf.ByteString;
import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.StreamMark;
import java.nio.charset.StandardCharsets;

/** A refused {@link TrackAudio} as a dead letter, the frame in its wire form again. */
final class AudioRejections {
    private AudioRejections() {}

    static Rejected of(TrackAudio frame, String reason) {
        AudioFrame.Builder wire =
                AudioFrame.newBuilder()
                        .setRoomId(frame.roomId())
                        .setSessionId(frame.sessionId())
                        .setParticipantId(frame.participantId())
                        .setTrackId(frame.trackId())
                        .setSequence(frame.sequence())
                        .setTimestampUs(frame.timestampUs())
                        .setSampleRate(frame.sampleRate())
                        .setChannels(frame.channels())
                        .setPayload(ByteString.copyFrom(frame.payload()));
        if (frame.codec() != null) {
            wire.setCodec(io.aircheck.protocol.v1.Codec.valueOf(frame.codec().name()));
        }
        if (frame.kind() != TrackAudio.Kind.MEDIA) {
            wire.setMark(StreamMark.valueOf(frame.kind().name()));
        }
        return new Rejected(
                Topics.ROOM_AUDIO,
                frame.sourcePartition(),
                frame.sourceOffset(),
                frame.roomId(),
                frame.roomId().getBytes(StandardCharsets.UTF_8),
                wire.build().toByteArray(),
                reason,
                TranscriberJob.NAME);
    }
}
