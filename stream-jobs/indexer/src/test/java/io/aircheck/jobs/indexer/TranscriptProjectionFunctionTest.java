package io.aircheck.jobs.indexer;

import static io.aircheck.jobs.indexer.Segments.closed;
import static io.aircheck.jobs.indexer.Segments.consent;
import static io.aircheck.jobs.indexer.Segments.joined;
import static io.aircheck.jobs.indexer.Segments.logged;
import static io.aircheck.jobs.indexer.Segments.opened;
import static io.aircheck.jobs.indexer.Segments.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.Visibility;
import io.aircheck.storage.TranscriptDocument;
import io.aircheck.storage.VersionedTranscript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TranscriptProjectionFunctionTest {
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, LoggedSegment, LoggedRoomEvent, VersionedTranscript>
            harness;

    @BeforeEach
    void open() throws Exception {
        MemoryObjectStore.OBJECTS.clear();
        MemoryObjectStore.WRITES.clear();
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new TranscriptProjectionFunction(
                                        () ->
                                                new MemoryObjectStore(
                                                        MemoryObjectStore.OBJECTS,
                                                        MemoryObjectStore.WRITES),
                                        2_000)),
                        LoggedSegment::roomId,
                        LoggedRoomEvent::roomId,
                        Types.STRING);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private List<VersionedTranscript> drain() {
        List<VersionedTranscript> out = List.copyOf(harness.extractOutputValues());
        harness.getOutput().clear();
        return out;
    }

    @Test
    void segmentsCarryTheSpeakersNameTheRoomsTitleVisibilityAndConsent() throws Exception {
        harness.processElement2(
                new StreamRecord<>(opened("s1", 0, "Budget talk", Visibility.PUBLIC)));
        harness.processElement2(new StreamRecord<>(joined("s1", 10, "alice", "Alice A.")));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "alice", 500, "the budget review"))));
        List<VersionedTranscript> out = drain();
        assertThat(out).hasSize(1);
        TranscriptDocument doc = out.get(0).document();
        assertThat(doc.segmentId()).isEqualTo("room:s1:alice:mic:500");
        assertThat(doc.speakerName()).isEqualTo("Alice A.");
        assertThat(doc.roomTitle()).isEqualTo("Budget talk");
        assertThat(doc.visibility()).isEqualTo("PUBLIC");
        assertThat(doc.consent()).isTrue();
        assertThat(doc.startMs()).isEqualTo(Segments.T0 / 1000 + 500);
        assertThat(doc.words()).hasSize(3);
        assertThat(doc.words().get(1).text()).isEqualTo("budget");
    }

    @Test
    void segmentsSeenBeforeTheRoomsEventsAreRewrittenWhenTheyArrive() throws Exception {
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "bob", 900, "solar panels"))));
        VersionedTranscript early = drain().get(0);
        assertThat(early.document().visibility()).isEqualTo("PRIVATE");
        assertThat(early.document().speakerName()).isEqualTo("bob");

        harness.processElement2(new StreamRecord<>(opened("s1", 0, "Energy", Visibility.UNLISTED)));
        harness.processElement2(new StreamRecord<>(joined("s1", 10, "bob", "Bob B.")));
        List<VersionedTranscript> rewritten = drain();
        assertThat(rewritten).hasSize(2);
        VersionedTranscript last = rewritten.get(1);
        assertThat(last.version()).isGreaterThan(early.version());
        assertThat(last.document().visibility()).isEqualTo("UNLISTED");
        assertThat(last.document().speakerName()).isEqualTo("Bob B.");
        assertThat(last.document().roomTitle()).isEqualTo("Energy");
    }

    @Test
    void aWithdrawnConsentRewritesThatSpeakersSegmentsOnly() throws Exception {
        harness.processElement2(new StreamRecord<>(opened("s1", 0, "Room", Visibility.PUBLIC)));
        harness.processElement1(new StreamRecord<>(logged(segment("s1", "alice", 500, "one two"))));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "bob", 900, "three four"))));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "alice", 2500, "five six"))));
        long before = drain().stream().mapToLong(VersionedTranscript::version).max().orElseThrow();
        harness.processElement2(new StreamRecord<>(consent("s1", 3000, "alice", false)));
        List<VersionedTranscript> rewritten = drain();
        assertThat(rewritten)
                .extracting(v -> v.document().segmentId())
                .containsExactly("room:s1:alice:mic:500", "room:s1:alice:mic:2500");
        assertThat(rewritten)
                .allSatisfy(
                        v -> {
                            assertThat(v.document().consent()).isFalse();
                            assertThat(v.version()).isGreaterThan(before);
                        });
    }

    @Test
    void whenTheRoomClosesItsTranscriptIsWrittenAsWebVttAndJsonAndRewrittenForLateSegments()
            throws Exception {
        harness.processElement2(
                new StreamRecord<>(opened("s1", 0, "Budget <talk>", Visibility.PUBLIC)));
        harness.processElement2(new StreamRecord<>(joined("s1", 10, "alice", "Alice")));
        harness.processElement2(new StreamRecord<>(joined("s1", 10, "bob", "Bob")));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "bob", 4_000, "solar panels"))));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "alice", 500, "the budget"))));
        harness.processElement2(new StreamRecord<>(closed("s1", 6_000)));
        assertThat(MemoryObjectStore.OBJECTS).isEmpty();
        harness.setProcessingTime(2_000);

        String vtt =
                new String(
                        MemoryObjectStore.OBJECTS.get("rooms/room/s1/transcript.vtt"),
                        StandardCharsets.UTF_8);
        assertThat(vtt)
                .isEqualTo(
                        "WEBVTT\n\nNOTE\nroom room, session s1: Budget <talk>\n\n"
                                + "room:s1:alice:mic:500\n00:00:00.500 --> 00:00:01.150\n<v Alice>the budget\n\n"
                                + "room:s1:bob:mic:4000\n00:00:04.000 --> 00:00:04.650\n<v Bob>solar panels\n\n");
        String json =
                new String(
                        MemoryObjectStore.OBJECTS.get("rooms/room/s1/transcript.json"),
                        StandardCharsets.UTF_8);
        assertThat(json)
                .contains(
                        "\"title\" : \"Budget <talk>\"",
                        "\"offsetMs\" : 4000",
                        "\"speakerName\" : \"Bob\"",
                        "\"endedAtMs\" : " + (Segments.T0 / 1000 + 6000));

        // a segment the transcriber finished after the close: the files are written again
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "alice", 5_500, "late words"))));
        harness.setProcessingTime(4_000);
        assertThat(
                        new String(
                                MemoryObjectStore.OBJECTS.get("rooms/room/s1/transcript.vtt"),
                                StandardCharsets.UTF_8))
                .contains("<v Alice>late words");
        assertThat(MemoryObjectStore.WRITES.get("rooms/room/s1/transcript.vtt")).isEqualTo(2);
    }

    @Test
    void aNewSessionStartsAfreshAndTheFinishedOneIsForgotten() throws Exception {
        harness.processElement2(new StreamRecord<>(opened("s1", 0, "First", Visibility.PUBLIC)));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s1", "alice", 500, "first words"))));
        harness.processElement2(new StreamRecord<>(closed("s1", 1_000)));
        harness.setProcessingTime(2_000);
        harness.processElement2(
                new StreamRecord<>(opened("s2", 10_000, "Second", Visibility.PRIVATE)));
        harness.processElement1(
                new StreamRecord<>(logged(segment("s2", "alice", 10_500, "second words"))));
        harness.processElement2(new StreamRecord<>(closed("s2", 12_000)));
        harness.setProcessingTime(4_000);
        String vtt =
                new String(
                        MemoryObjectStore.OBJECTS.get("rooms/room/s2/transcript.vtt"),
                        StandardCharsets.UTF_8);
        assertThat(vtt).contains("second words").doesNotContain("first words");
        assertThat(drain())
                .last()
                .satisfies(v -> assertThat(v.document().visibility()).isEqualTo("PRIVATE"));
    }
}
