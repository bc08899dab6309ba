package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.protocol.v1.TranscriptSegment;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** {@link TranscribeFunction} in Flink's keyed test harness: a run, and a run restored midway. */
final class TranscribeHarness {
    private TranscribeHarness() {}

    static KeyedOneInputStreamOperatorTestHarness<String, TrackAudio, OutboundRecord> of(
            SpeechRecognizer.Factory engine) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new TranscribeFunction(CutterSettings.defaults(), engine)),
                TrackAudio::trackKey,
                Types.STRING);
    }

    /**
     * The segments of {@code input} when the job is snapshotted after {@code cut} frames, stopped,
     * and restored from that snapshot in a new operator for the rest.
     */
    static List<TranscriptSegment> restoredAt(
            SpeechRecognizer.Factory engine, List<TrackAudio> input, int cut) throws Exception {
        var first = of(engine);
        first.open();
        for (TrackAudio f : input.subList(0, cut)) {
            first.processElement(new StreamRecord<>(f));
        }
        List<TranscriptSegment> resumed = new ArrayList<>(segments(first.extractOutputValues()));
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var restored = of(engine);
        restored.initializeState(snapshot);
        restored.open();
        for (TrackAudio f : input.subList(cut, input.size())) {
            restored.processElement(new StreamRecord<>(f));
        }
        resumed.addAll(segments(restored.extractOutputValues()));
        restored.close();
        return resumed;
    }

    static List<TranscriptSegment> segments(List<OutboundRecord> records) throws Exception {
        List<TranscriptSegment> segments = new ArrayList<>();
        for (OutboundRecord r : records) {
            segments.add(TranscriptSegment.parseFrom(r.value()));
        }
        return segments;
    }
}
