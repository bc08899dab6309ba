package io.aircheck.jobs.recorder;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The recorder: {@code room.audio} in; for every room session, in the archive bucket, the live HLS
 * mix (fMP4 segments, EVENT then VOD playlists), the Ogg Opus and M4A masters, every speaker's own
 * track and the manifest; an {@code archive.recordings} event per segment, track and master; and
 * dead letters for what it refused.
 */
public final class RecorderJob {
    public static final String NAME = "recorder-job";

    private RecorderJob() {}

    /** The job's two output streams, for the caller to connect to sinks. */
    public record Outputs(
            DataStream<OutboundRecord> recordings, DataStream<OutboundRecord> deadLetters) {}

    /** Builds the topology on {@code audio} (records of {@code room.audio}). */
    public static Outputs build(
            DataStream<SourceRecord> audio,
            RecorderSettings settings,
            FrameDecoder.Factory decoders,
            ObjectStoreFactory store) {
        if (settings.mixRate() != MixEncoder.RATE) {
            throw new IllegalArgumentException(
                    "the recorder mixes at 48 kHz, the rate of its codecs");
        }
        SingleOutputStreamOperator<Frame> frames =
                audio.process(new ParseFrameFunction())
                        .name("parse audio frames")
                        .uid("recorder-parse");
        SingleOutputStreamOperator<MixOutput> mixed =
                frames.keyBy(Frame::roomId)
                        .process(new MixFunction(settings, decoders))
                        .name("mix rooms")
                        .uid("recorder-mix");
        SingleOutputStreamOperator<OutboundRecord> recordings =
                DataStreamUtils.reinterpretAsKeyedStream(mixed, MixOutput::roomId, Types.STRING)
                        .process(new RecordingWriterFunction(store, settings))
                        .name("write recordings")
                        .uid("recorder-write");
        DataStream<OutboundRecord> deadLetters =
                frames.getSideOutput(Rejections.TAG)
                        .union(mixed.getSideOutput(Rejections.TAG))
                        .map(rejected -> rejected.toDeadLetter(System.currentTimeMillis()))
                        .returns(OutboundRecord.class)
                        .name("audio dead letters")
                        .uid("recorder-dead-letters");
        return new Outputs(recordings, deadLetters);
    }
}
