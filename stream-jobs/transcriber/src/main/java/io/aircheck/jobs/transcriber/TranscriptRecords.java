package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import io.aircheck.jobs.transcriber.speech.Segment;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Word;

/** A {@link Segment} as the {@code room.transcripts} record (protobuf, keyed by room). */
final class TranscriptRecords {
    private TranscriptRecords() {}

    static TranscriptSegment toProto(Segment segment, SpeechRecognizer engine) {
        TranscriptSegment.Builder proto =
                TranscriptSegment.newBuilder()
                        .setSegmentId(segment.segmentId())
                        .setRoomId(segment.roomId())
                        .setSessionId(segment.sessionId())
                        .setParticipantId(segment.participantId())
                        .setTrackId(segment.trackId())
                        .setStartUs(segment.startUs())
                        .setEndUs(segment.endUs())
                        .setText(segment.text())
                        .setLanguage(engine.language())
                        .setEngine(engine.engine());
        for (RecognizedWord w : segment.words()) {
            proto.addWords(
                    Word.newBuilder()
                            .setText(w.text())
                            .setStartUs(w.startUs())
                            .setEndUs(w.endUs())
                            .setConfidence((float) w.confidence()));
        }
        return proto.build();
    }

    static OutboundRecord of(Segment segment, SpeechRecognizer engine) {
        return new OutboundRecord(
                segment.roomId(),
                toProto(segment, engine).toByteArray(),
                TranscriptSegment.getDescriptor().getFullName(),
                null);
    }
}
