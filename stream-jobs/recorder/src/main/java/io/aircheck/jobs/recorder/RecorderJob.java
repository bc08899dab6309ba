package io.aircheck.jobs.recorder;

import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The recorder: {@code room.audio} in; the mixed recording of every room session in the archive
 * bucket, an {@code archive.recordings} event per master, and dead letters for what it refused.
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
                mixed.process(new MixWriterFunction(store, settings.mixRate()))
                        .name("write mix to archive")
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
