package io.aircheck.jobs.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.jobs.kafka.Rejected;
import io.aircheck.jobs.kafka.Rejections;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TranscriptSegment;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomTimelineFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private KeyedOneInputStreamOperatorTestHarness<String, TimelineInput, VersionedRoom> harness;
    private long offset;

    /** The log timestamp the next record gets. */
    private long arrivalMs = 1_000;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new RoomTimelineFunction(new TimelineSettings(60_000, 5_000))),
                        TimelineInput::roomId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(RoomEvent event) throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        new TimelineInput(
                                TimelineInput.Kind.EVENT,
                                event.getRoomId(),
                                0,
                                offset++,
                                event.toByteArray(),
                                arrivalMs)));
    }

    private void speech(String participant, long fromMs, long toMs) throws Exception {
        TranscriptSegment segment =
                TranscriptSegment.newBuilder()
                        .setRoomId(RoomEvents.ROOM)
                        .setSessionId(RoomEvents.SESSION)
                        .setParticipantId(participant)
                        .setStartUs(RoomEvents.T0 + fromMs * 1000)
                        .setEndUs(RoomEvents.T0 + toMs * 1000)
                        .setText("words")
                        .build();
        harness.processElement(
                new StreamRecord<>(
                        new TimelineInput(
                                TimelineInput.Kind.SEGMENT,
                                RoomEvents.ROOM,
                                0,
                                offset++,
                                segment.toByteArray(),
                                arrivalMs)));
    }

    private List<SessionFiles> files() {
        var out = harness.getSideOutput(RoomTimelineFunction.FILES);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private List<String> rejections() {
        var out = harness.getSideOutput(Rejections.TAG);
        return out == null
                ? List.of()
                : out.stream().map(StreamRecord::getValue).map(Rejected::reason).toList();
    }

    private RoomDocument lastDocument() {
        List<VersionedRoom> docs = harness.extractOutputValues();
        return docs.get(docs.size() - 1).room();
    }

    @Test
    void writesTheCatalogAndTheSessionFilesWhenTheRoomCloses() throws Exception {
        for (RoomEvent e : RoomEvents.everyKind()) {
            send(e);
        }
        RoomDocument room = lastDocument();
        assertThat(room.live()).isFalse();
        assertThat(room.speakerIds()).containsExactly("alice", "bob");
        assertThat(room.listenerPeak()).isEqualTo(3);
        assertThat(room.durationMs()).isEqualTo(60_000);

        SessionFiles files = files().get(files().size() - 1);
        assertThat(files.complete()).isTrue();
        String[] lines = new String(files.eventLog(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(18);
        assertThat(lines[0]).contains("\"roomOpened\"");
        assertThat(lines[17]).contains("\"roomClosed\"");
        JsonNode timeline = JSON.readTree(files.timeline());
        assertThat(timeline.get("participants")).hasSize(3);
        assertThat(timeline.get("closeReason").asText()).isEqualTo("host ended the room");
    }

    @Test
    void shuffledAndDuplicatedEventsEndInTheSameDocumentsAsOrderedOnes() throws Exception {
        for (RoomEvent e : RoomEvents.everyKind()) {
            send(e);
        }
        RoomDocument expected = lastDocument();
        byte[] expectedTimeline = files().get(files().size() - 1).timeline();
        byte[] expectedLog = files().get(files().size() - 1).eventLog();

        for (long seed = 1; seed <= 5; seed++) {
            close();
            open();
            List<RoomEvent> shuffled = new ArrayList<>(RoomEvents.everyKind().subList(1, 18));
            shuffled.addAll(RoomEvents.everyKind().subList(2, 6));
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.add(
                    0,
                    RoomEvents.everyKind()
                            .get(0)); // the open comes first: nothing is known of a room before
            for (RoomEvent e : shuffled) {
                send(e);
            }
            assertThat(rejections()).as("seed " + seed).isEmpty();
            RoomDocument room = lastDocument();
            assertThat(room).usingRecursiveComparison().as("seed " + seed).isEqualTo(expected);
            SessionFiles last = files().get(files().size() - 1);
            assertThat(new String(last.timeline(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(expectedTimeline, StandardCharsets.UTF_8));
            assertThat(last.eventLog()).isEqualTo(expectedLog);
        }
    }

    @Test
    void placesALateEventInsideTheGraceAndRefusesOneAfterTheSessionIsFinalized() throws Exception {
        List<RoomEvent> events = RoomEvents.everyKind();
        for (RoomEvent e : events) {
            if (!e.getEventId().equals("link")) {
                send(e);
            }
        }
        send(events.get(9)); // the pinned link arrives after the close, with its time inside the
        // session
        assertThat(rejections()).isEmpty();
        JsonNode timeline = JSON.readTree(files().get(files().size() - 1).timeline());
        assertThat(timeline.get("links")).hasSize(1);

        harness.setProcessingTime(61_000); // past the grace: the session is finalized
        send(
                RoomEvents.at(59_000, "very-late")
                        .setHandRaised(HandRaised.newBuilder().setParticipantId("alice"))
                        .build());
        assertThat(rejections())
                .singleElement()
                .satisfies(r -> assertThat(r).contains("closed and finalized before it arrived"));
        assertThat(harness.numKeyedStateEntries())
                .isEqualTo(1); // only the finalized session's id remains
    }

    @Test
    void liveRoomsGetTheirFilesAtTheFlushIntervalWithWhoSpokeWhen() throws Exception {
        for (RoomEvent e : RoomEvents.everyKind().subList(0, 9)) {
            send(e);
        }
        speech("alice", 4_000, 6_000);
        speech("bob", 8_500, 9_500);
        assertThat(files()).isEmpty();
        harness.setProcessingTime(5_000);
        assertThat(files())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.complete()).isFalse();
                            JsonNode speaking = JSON.readTree(f.timeline()).get("speaking");
                            assertThat(speaking).hasSize(2);
                            assertThat(speaking.get(0).get("participantId").asText())
                                    .isEqualTo("alice");
                            assertThat(speaking.get(0).get("fromMs").asLong()).isEqualTo(4_000);
                        });
        assertThat(lastDocument().live()).isTrue();
    }

    @Test
    void aNewSessionRetiresOneWhoseCloseNeverCame() throws Exception {
        for (RoomEvent e : RoomEvents.everyKind().subList(0, 5)) {
            send(e);
        }
        send(
                RoomEvent.newBuilder()
                        .setRoomId(RoomEvents.ROOM)
                        .setSessionId("s2")
                        .setEventId("open-2")
                        .setTimestampUs(RoomEvents.T0 + 3_600_000_000L)
                        .setRoomOpened(RoomOpened.newBuilder().setTitle("Next"))
                        .build());
        List<VersionedRoom> docs = harness.extractOutputValues();
        RoomDocument retired = docs.get(docs.size() - 2).room();
        assertThat(retired.sessionId()).isEqualTo("s1");
        assertThat(retired.live()).isFalse();
        assertThat(retired.durationMs()).isEqualTo(4_000);
        assertThat(docs.get(docs.size() - 1).room().sessionId()).isEqualTo("s2");
        assertThat(JSON.readTree(files().get(0).timeline()).get("closeReason").asText())
                .contains("no close event");
    }

    @Test
    void whatIsTooLateIsDecidedByTheLogsClockSoAReplayDecidesTheSame() throws Exception {
        List<RoomEvent> events = RoomEvents.everyKind();
        for (RoomEvent e : events) {
            if (!e.getEventId().equals("link") && !e.getEventId().equals("bob-muted")) {
                send(e);
            }
        }
        arrivalMs += 59_000; // within the 60 s grace after the close arrived
        send(events.get(9));
        arrivalMs += 2_000; // now past it, though the session's state is still here
        send(events.get(10));
        assertThat(rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r)
                                        .contains(
                                                "arrived more than the grace period after its close"));
        assertThat(JSON.readTree(files().get(files().size() - 1).timeline()).get("links"))
                .hasSize(1);
    }
}
