package io.aircheck.jobs.recorder;

import com.google.protobuf.ByteString;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameKind;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.StreamMark;

/** Converts between the wire's {@link AudioFrame} and the recorder's {@link Frame}. */
final class FrameCodec {
    private FrameCodec() {}

    static Frame decode(SourceRecord record) throws MalformedRecordException {
        AudioFrame wire = WireFormat.parseFrame(record.value());
        if (!wire.getRoomId().equals(record.keyString())) {
            throw new MalformedRecordException(
                    "frame for room '"
                            + wire.getRoomId()
                            + "' written under key '"
                            + record.keyString()
                            + "'");
        }
        FrameKind kind = kind(wire.getMark());
        AudioCodec codec = null;
        if (kind == FrameKind.MEDIA) {
            codec = codec(wire.getCodec());
            if (wire.getSampleRate() < 8000 || wire.getSampleRate() > 48000) {
                throw new MalformedRecordException(
                        "unsupported sample rate " + wire.getSampleRate() + " Hz (8000-48000)");
            }
            if (wire.getChannels() < 1 || wire.getChannels() > 2) {
                throw new MalformedRecordException(
                        "unsupported channel count " + wire.getChannels() + " (1 or 2)");
            }
        }
        return new Frame(
                kind,
                wire.getRoomId(),
                wire.getSessionId(),
                wire.getParticipantId(),
                wire.getTrackId(),
                wire.getSequence(),
                wire.getTimestampUs(),
                codec,
                wire.getSampleRate(),
                wire.getChannels(),
                wire.getPayload().toByteArray(),
                wire.getDurationUs(),
                record.partition(),
                record.offset());
    }

    /** The frame in its wire form again, for a dead letter. */
    static byte[] encode(Frame frame) {
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
                        .setPayload(ByteString.copyFrom(frame.payload()))
                        .setDurationUs(frame.durationUs());
        if (frame.codec() != null) {
            wire.setCodec(Codec.valueOf(frame.codec().name()));
        }
        if (frame.kind() != FrameKind.MEDIA) {
            wire.setMark(StreamMark.valueOf(frame.kind().name()));
        }
        return wire.build().toByteArray();
    }

    private static FrameKind kind(StreamMark mark) throws MalformedRecordException {
        return switch (mark) {
            case STREAM_MARK_UNSPECIFIED -> FrameKind.MEDIA;
            case SESSION_STARTED -> FrameKind.SESSION_STARTED;
            case SESSION_ENDED -> FrameKind.SESSION_ENDED;
            case TRACK_ENDED -> FrameKind.TRACK_ENDED;
            case CLOCK -> FrameKind.CLOCK;
            case UNRECOGNIZED -> throw new MalformedRecordException("unknown stream mark");
        };
    }

    private static AudioCodec codec(Codec codec) throws MalformedRecordException {
        return switch (codec) {
            case OPUS -> AudioCodec.OPUS;
            case PCM_S16LE -> AudioCodec.PCM_S16LE;
            default -> throw new MalformedRecordException("frame without a known codec: " + codec);
        };
    }
}
