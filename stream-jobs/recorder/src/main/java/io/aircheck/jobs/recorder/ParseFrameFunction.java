package io.aircheck.jobs.recorder;

import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.protocol.MalformedRecordException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Decodes {@code room.audio} records; what does not decode goes to the dead-letter output. */
public final class ParseFrameFunction extends ProcessFunction<SourceRecord, Frame> {
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        malformed = getRuntimeContext().getMetricGroup().counter("framesMalformed");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<Frame> out) {
        try {
            out.collect(FrameCodec.decode(record));
        } catch (MalformedRecordException e) {
            malformed.inc();
            ctx.output(
                    Rejections.TAG,
                    Rejected.of(record, record.keyString(), e.getMessage(), RecorderJob.NAME));
        }
    }
}
