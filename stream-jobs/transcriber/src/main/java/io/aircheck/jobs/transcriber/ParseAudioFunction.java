package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.AudioFrame;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Decodes {@code room.audio} records; what does not decode goes to the dead-letter output. */
public final class ParseAudioFunction extends ProcessFunction<SourceRecord, TrackAudio> {
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        malformed = getRuntimeContext().getMetricGroup().counter("framesMalformed");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<TrackAudio> out) {
        try {
            out.collect(decode(record));
        } catch (MalformedRecordException e) {
            malformed.inc();
            ctx.output(
                    Rejections.TAG,
                    Rejected.of(record, record.keyString(), e.getMessage(), TranscriberJob.NAME));
        }
    }

    public static TrackAudio decode(SourceRecord record) throws MalformedRecordException {
        AudioFrame wire = WireFormat.parseFrame(record.value());
        if (!wire.getRoomId().equals(record.keyString())) {
            throw new MalformedRecordException(
                    "frame for room '"
                            + wire.getRoomId()
                            + "' written under key '"
                            + record.keyString()
                            + "'");
        }
        TrackAudio.Kind kind =
                switch (wire.getMark()) {
                    case STREAM_MARK_UNSPECIFIED -> TrackAudio.Kind.MEDIA;
                    case SESSION_STARTED -> TrackAudio.Kind.SESSION_STARTED;
                    case SESSION_ENDED -> TrackAudio.Kind.SESSION_ENDED;
                    case TRACK_ENDED -> TrackAudio.Kind.TRACK_ENDED;
                    case CLOCK -> TrackAudio.Kind.CLOCK;
                    case UNRECOGNIZED -> throw new MalformedRecordException("unknown stream mark");
                };
        TrackAudio.Codec codec = null;
        if (kind == TrackAudio.Kind.MEDIA) {
            codec =
                    switch (wire.getCodec()) {
                        case OPUS -> TrackAudio.Codec.OPUS;
                        case PCM_S16LE -> TrackAudio.Codec.PCM_S16LE;
                        default ->
                                throw new MalformedRecordException(
                                        "frame without a known codec: " + wire.getCodec());
                    };
            if (wire.getSampleRate() < 8000 || wire.getSampleRate() > 48000) {
                throw new MalformedRecordException(
                        "unsupported sample rate " + wire.getSampleRate() + " Hz (8000-48000)");
            }
            if (wire.getChannels() < 1 || wire.getChannels() > 2) {
                throw new MalformedRecordException(
                        "unsupported channel count " + wire.getChannels() + " (1 or 2)");
            }
        }
        if (wire.getSessionId().isBlank()) {
            throw new MalformedRecordException("frame without session_id");
        }
        return new TrackAudio(
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
                record.partition(),
                record.offset());
    }
}
