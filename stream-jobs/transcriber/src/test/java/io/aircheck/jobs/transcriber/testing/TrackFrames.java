package io.aircheck.jobs.transcriber.testing;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A track cut into 20 ms PCM frames on the room clock, as capture writes them to room.audio. */
public final class TrackFrames {
    private TrackFrames() {}

    public static List<AudioFrame> frames(
            String roomId, String sessionId, SpokenTrack track, long startUs) {
        int perFrame = track.sampleRate() / 50;
        List<AudioFrame> frames = new ArrayList<>();
        for (int i = 0; (i + 1) * perFrame <= track.pcm().length; i++) {
            ByteBuffer bytes = ByteBuffer.allocate(perFrame * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(track.pcm(), i * perFrame, perFrame);
            frames.add(
                    AudioFrame.newBuilder()
                            .setRoomId(roomId)
                            .setSessionId(sessionId)
                            .setParticipantId(track.participantId())
                            .setTrackId("mic")
                            .setSequence(i)
                            .setTimestampUs(startUs + i * 20_000L)
                            .setCodec(Codec.PCM_S16LE)
                            .setSampleRate(track.sampleRate())
                            .setChannels(1)
                            .setPayload(ByteString.copyFrom(bytes.array()))
                            .setDurationUs(20_000)
                            .build());
        }
        return frames;
    }
}
