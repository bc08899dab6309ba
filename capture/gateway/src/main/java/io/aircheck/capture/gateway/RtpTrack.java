package io.aircheck.capture.gateway;

import com.google.protobuf.UnsafeByteOperations;
import io.aircheck.capture.room.RtpBinding;
import io.aircheck.capture.stream.RtpTrackStream;
import io.aircheck.capture.stream.StampedFrame;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import java.util.ArrayDeque;

/**
 * The receiving side of one bound RTP track: its stream (reorder buffer, room clock), the stamped
 * frames waiting to be written (bounded: the oldest are dropped, and counted, when the log stays
 * behind), and its counters. Guarded by its own monitor: the receiving thread uses it, and an event
 * ending the track drains it.
 */
final class RtpTrack {
    /** Frames that may wait for their room or the log: 10 s of 20 ms frames. */
    static final int MAX_WAITING_FRAMES = 500;

    final RtpBinding binding;
    final RtpTrackStream stream;
    final ArrayDeque<StampedFrame> outbox = new ArrayDeque<>();
    final String origin;
    private long sequenceBase = -1;

    long packets;
    long duplicates;
    long late;
    long refused;
    long dropped;
    long written;
    volatile long lastPacketUs;

    RtpTrack(RtpBinding binding, long holdUs) {
        this.binding = binding;
        this.stream = new RtpTrackStream(binding.ssrc(), binding.payloadType(), holdUs);
        this.origin = "rtp udp/" + binding.port() + " source=" + binding.owner();
    }

    /**
     * The frame as written to the log: its sequence continues the track's (from the registry, once
     * per binding: 0 for a new track, past what it had before a restart).
     */
    AudioFrame toAudioFrame(StampedFrame frame, SequenceSource sequences) {
        if (sequenceBase < 0) {
            long next =
                    sequences.next(
                            binding.roomId(),
                            binding.participantId(),
                            binding.trackId(),
                            frame.timestampUs());
            sequenceBase = Math.max(0, next) - frame.relativeSequence();
        }
        return AudioFrame.newBuilder()
                .setRoomId(binding.roomId())
                .setSessionId(binding.sessionId())
                .setParticipantId(binding.participantId())
                .setTrackId(binding.trackId())
                .setSequence(sequenceBase + frame.relativeSequence())
                .setTimestampUs(frame.timestampUs())
                .setDurationUs(frame.durationUs())
                .setCodec(Codec.OPUS)
                .setSampleRate((int) RtpTrackStream.CLOCK_RATE)
                .setChannels(binding.channels())
                .setPayload(UnsafeByteOperations.unsafeWrap(frame.payload()))
                .setDiscontinuity(frame.discontinuity())
                .build();
    }

    /** Where a gateway-numbered track's sequence continues (RoomRegistry#nextSequence). */
    interface SequenceSource {
        long next(String roomId, String participantId, String trackId, long firstUs);
    }
}
