package io.aircheck.jobs.transcriber;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.kafka.OutboundRecord;
import io.aircheck.jobs.kafka.SourceRecord;
import io.aircheck.jobs.transcriber.speech.CutterSettings;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.speech.WordErrorRate;
import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import io.aircheck.jobs.transcriber.testing.TestRooms;
import io.aircheck.jobs.transcriber.testing.TrackFrames;
import io.aircheck.jobs.transcriber.vosk.VoskSpeechRecognizer;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.StreamMark;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.protocol.v1.Word;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcribe operator with the real Vosk engine and model, on speech made with espeak-ng from
 * known scripts (several voices), fed as room.audio frames at 48 kHz: the streaming pipeline's word
 * error rate against the same engine run offline over each whole track, timing and attribution of
 * the segments and their words, and no segments from silence, noise or music. (Vosk is not
 * bit-for-bit repeatable from run to run, so a restore's exactness is shown with a deterministic
 * engine in {@code TranscribeFunctionTest}.)
 */
class SpeechTranscriptionITCase {
    private static final long T0 = 1_764_000_000_000_000L;
    private static final int RATE = Integer.getInteger("rate", 48_000);
    private static final SpeechRecognizer.Factory VOSK = VoskSpeechRecognizer.factory(null);

    @TempDir static Path work;
    private static List<SpokenTrack> speakers;

    @BeforeAll
    static void speak() throws Exception {
        speakers = TestRooms.werSet(RATE, work);
    }

    @Test
    void streamingIsAsAccurateAsOfflineAndSegmentsAreTimedAndAttributed() throws Exception {
        WerTally wer = new WerTally();
        try (SpeechRecognizer offline = VOSK.open()) {
            for (SpokenTrack track : speakers) {
                List<TranscriptSegment> segments = transcribe(track, frames(track));
                String streamed =
                        String.join(
                                " ", segments.stream().map(TranscriptSegment::getText).toList());
                String whole = offline.recognize(track.at16k(work)).text();
                wer.add(track, whole, streamed);
                System.out.printf(
                        "%s%n  said:      %s%n  offline:   %s%n  streaming: %s%n",
                        track.participantId(), track.referenceText(), whole, streamed);

                assertThat(segments)
                        .allSatisfy(
                                s -> {
                                    assertThat(s.getParticipantId())
                                            .isEqualTo(track.participantId());
                                    assertThat(s.getRoomId()).isEqualTo("room-1");
                                    assertThat(s.getSegmentId())
                                            .startsWith(
                                                    "room-1:s1:" + track.participantId() + ":mic:");
                                    assertThat(s.getWordsList()).isNotEmpty();
                                    assertThat(s.getEndUs()).isGreaterThan(s.getStartUs());
                                });
                // the first word of every line is timed on the room clock within 0.5 s
                for (int i = 0; i < track.lines().size(); i++) {
                    long saidUs = T0 + Math.round(track.speechStartSeconds().get(i) * 1e6);
                    List<Word> near =
                            segments.stream()
                                    .flatMap(s -> s.getWordsList().stream())
                                    .filter(w -> Math.abs(w.getStartUs() - saidUs) <= 500_000)
                                    .toList();
                    assertThat(near)
                            .as("words heard where '%s' was said", track.lines().get(i).text())
                            .isNotEmpty();
                    assertThat(near)
                            .allSatisfy(w -> assertThat(w.getConfidence()).isBetween(0f, 1f));
                }
                // every line starts a segment within 0.5 s of where it was said
                for (int i = 0; i < track.lines().size(); i++) {
                    long saidUs = T0 + Math.round(track.speechStartSeconds().get(i) * 1e6);
                    assertThat(segments)
                            .as("a segment where '%s' starts", track.lines().get(i).text())
                            .anySatisfy(
                                    s ->
                                            assertThat(Math.abs(s.getStartUs() - saidUs))
                                                    .isLessThanOrEqualTo(500_000));
                }
            }
        }
        wer.assertStreamingWithinTwoPoints("the espeak-ng set");
    }

    @Test
    void continuousTalkIsSplitBetweenWordsAndStreamsAsAccuratelyAsOffline() throws Exception {
        WerTally wer = new WerTally();
        long longestUs = CutterSettings.defaults().maxUtteranceMs() * 1000L;
        try (SpeechRecognizer offline = VOSK.open()) {
            for (SpokenTrack track : TestRooms.continuousTalk(2, 10, RATE, work)) {
                List<TranscriptSegment> segments = transcribe(track, frames(track));
                wer.add(
                        track,
                        offline.recognize(track.at16k(work)).text(),
                        String.join(
                                " ", segments.stream().map(TranscriptSegment::getText).toList()));
                // ~30 s of talk with only breaths in between: cut into utterances of at most 6 s
                assertThat(segments).hasSizeGreaterThanOrEqualTo(5);
                assertThat(segments)
                        .allSatisfy(
                                s ->
                                        assertThat(s.getEndUs() - s.getStartUs())
                                                .isLessThanOrEqualTo(longestUs));
                // split between words: no word heard twice or overlapping the next segment's
                List<Word> words =
                        segments.stream().flatMap(s -> s.getWordsList().stream()).toList();
                for (int i = 1; i < words.size(); i++) {
                    assertThat(words.get(i).getStartUs())
                            .as(
                                    "word %d '%s' after '%s'",
                                    i, words.get(i).getText(), words.get(i - 1).getText())
                            .isGreaterThanOrEqualTo(words.get(i - 1).getEndUs() - 20_000);
                }
            }
        }
        wer.assertStreamingWithinTwoPoints("continuous talk");
    }

    @Test
    void aRestoredJobWritesExactlyTheSegmentsOfAnUninterruptedOne() throws Exception {
        // the real engine: one recognizer per operator, reused; the restored operator's is fresh
        SpokenTrack track = speakers.get(0);
        List<TrackAudio> input = frames(track);
        List<TranscriptSegment> uninterrupted = transcribe(track, input);
        assertThat(uninterrupted).hasSizeGreaterThanOrEqualTo(3);
        // inside the second line, and in the pause after it (frames are 20 ms)
        for (int cut : new int[] {13_000 / 20, 20_000 / 20}) {
            List<TranscriptSegment> resumed = TranscribeHarness.restoredAt(VOSK, input, cut);
            assertThat(resumed).as("restored at frame %d", cut).isEqualTo(uninterrupted);
        }
    }

    @Test
    void silenceNoiseAndMusicProduceNoSegments() throws Exception {
        double seconds = 10;
        List<SpokenTrack> nonSpeech =
                List.of(
                        SpokenTrack.silence("quiet", seconds, RATE),
                        SpokenTrack.synth(
                                "hiss",
                                seconds,
                                RATE,
                                work,
                                "synth",
                                "10",
                                "pinknoise",
                                "vol",
                                "0.3"),
                        SpokenTrack.synth(
                                "hum", seconds, RATE, work, "synth", "10", "sine", "50", "sine",
                                "100", "vol", "0.4"),
                        SpokenTrack.synth(
                                "melody", seconds, RATE, work, "synth", "0.4", "pluck", "C4", ":",
                                "synth", "0.4", "pluck", "E4", ":", "synth", "0.4", "pluck", "G4",
                                ":", "synth", "0.4", "pluck", "C5", ":", "synth", "0.8", "pluck",
                                "G4", ":", "synth", "1", "square", "A3", "vol", "0.3", ":", "synth",
                                "2", "sine", "440", "sine", "660", "tremolo", "5", "60", ":",
                                "synth", "0.4", "pluck", "D4", ":", "synth", "0.4", "pluck", "F4",
                                ":", "synth", "0.4", "pluck", "A4", ":", "synth", "2", "pluck",
                                "D5"));
        for (SpokenTrack track : nonSpeech) {
            assertThat(transcribe(track, frames(track)))
                    .as("segments from the %s track", track.participantId())
                    .isEmpty();
        }
    }

    private static List<TrackAudio> frames(SpokenTrack track) throws Exception {
        List<TrackAudio> frames = new ArrayList<>();
        for (AudioFrame frame : TrackFrames.frames("room-1", "s1", track, T0)) {
            frames.add(ParseAudioFunction.decode(record(frame)));
        }
        AudioFrame end =
                AudioFrame.newBuilder()
                        .setRoomId("room-1")
                        .setSessionId("s1")
                        .setParticipantId(track.participantId())
                        .setTrackId("mic")
                        .setTimestampUs(T0 + Math.round(track.seconds() * 1e6))
                        .setMark(StreamMark.TRACK_ENDED)
                        .build();
        frames.add(ParseAudioFunction.decode(record(end)));
        return frames;
    }

    private static SourceRecord record(AudioFrame frame) {
        return new SourceRecord(
                "room.audio", 0, 0, "room-1".getBytes(StandardCharsets.UTF_8), frame.toByteArray());
    }

    private static List<TranscriptSegment> transcribe(SpokenTrack track, List<TrackAudio> frames)
            throws Exception {
        var harness = harness();
        harness.open();
        for (TrackAudio f : frames) {
            harness.processElement(new StreamRecord<>(f));
        }
        List<TranscriptSegment> out = segments(harness.extractOutputValues());
        harness.close();
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TrackAudio, OutboundRecord>
            harness() throws Exception {
        return TranscribeHarness.of(VOSK);
    }

    private static List<TranscriptSegment> segments(List<OutboundRecord> records) throws Exception {
        return TranscribeHarness.segments(records);
    }

    /** Word errors of the streaming pipeline and of the engine offline, over several tracks. */
    private static final class WerTally {
        private int words;
        private int offlineErrors;
        private int streamingErrors;

        void add(SpokenTrack track, String offline, String streamed) {
            List<String> reference = WordErrorRate.words(track.referenceText());
            words += reference.size();
            offlineErrors += WordErrorRate.errors(reference, WordErrorRate.words(offline));
            streamingErrors += WordErrorRate.errors(reference, WordErrorRate.words(streamed));
        }

        /** The chunking must not hurt: streaming within 2 points of offline. */
        void assertStreamingWithinTwoPoints(String set) {
            double offlineWer = 100.0 * offlineErrors / words;
            double streamingWer = 100.0 * streamingErrors / words;
            System.out.printf(
                    "%s, WER over %d words: offline %.1f%%, streaming %.1f%%%n",
                    set, words, offlineWer, streamingWer);
            assertThat(streamingWer).as(set).isLessThanOrEqualTo(offlineWer + 2.0);
        }
    }
}
