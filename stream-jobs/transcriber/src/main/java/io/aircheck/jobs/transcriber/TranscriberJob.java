package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The transcriber: {@code room.audio} in; a {@code room.transcripts} segment per utterance of every
 * speaker's track out (room, session, participant, room-clock times, text, timed words), and dead
 * letters for what it refused.
 */
public final class TranscriberJob {
    public static final String NAME = "transcriber-job";

    private TranscriberJob() {}

    public record Outputs(
            DataStream<OutboundRecord> transcripts, DataStream<OutboundRecord> deadLetters) {}

    public static Outputs build(
            DataStream<SourceRecord> audio,
            CutterSettings settings,
            SpeechRecognizer.Factory engine) {
        SingleOutputStreamOperator<TrackAudio> frames =
                audio.process(new ParseAudioFunction())
                        .name("parse audio frames")
                        .uid("transcriber-parse");
        SingleOutputStreamOperator<TrackAudio> tracks =
                frames.keyBy(TrackAudio::roomId)
                        .process(new RoomTracksFunction())
                        .name("split rooms into tracks")
                        .uid("transcriber-tracks");
        SingleOutputStreamOperator<OutboundRecord> transcripts =
                tracks.keyBy(TrackAudio::trackKey)
                        .process(new TranscribeFunction(settings, engine))
                        .name("transcribe tracks")
                        .uid("transcriber-transcribe");
        DataStream<OutboundRecord> deadLetters =
                frames.getSideOutput(Rejections.TAG)
                        .union(
                                tracks.getSideOutput(Rejections.TAG),
                                transcripts.getSideOutput(Rejections.TAG))
                        .map(rejected -> rejected.toDeadLetter(System.currentTimeMillis()))
                        .returns(OutboundRecord.class)
                        .name("transcriber dead letters")
                        .uid("transcriber-dead-letters");
        return new Outputs(transcripts, deadLetters);
    }
}
