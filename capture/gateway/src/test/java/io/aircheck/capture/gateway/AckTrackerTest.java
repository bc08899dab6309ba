package io.aircheck.capture.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckTrackerTest {

    @Test
    void acksTheHighestSequenceOfTheAcknowledgedPrefixPerTrack() {
        AckTracker tracker = new AckTracker();
        AckTracker.Write a0 = tracker.expect("r1", "alice", "mic", 0);
        AckTracker.Write b0 = tracker.expect("r1", "bob", "mic", 0);
        AckTracker.Write a1 = tracker.expect("r1", "alice", "mic", 1);
        AckTracker.Write a2 = tracker.expect("r1", "alice", "mic", 2);

        a1.succeeded();
        assertThat(tracker.drain()).isEmpty(); // a0 still in flight: nothing after it is acked
        a0.succeeded();
        b0.succeeded();
        assertThat(tracker.drain())
                .containsExactly(
                        ClientNotice.ack("r1", "alice", "mic", 1),
                        ClientNotice.ack("r1", "bob", "mic", 0));
        assertThat(tracker.inFlight()).isEqualTo(1);

        a2.failed("the audio log did not acknowledge frame 2 in time; send it again");
        assertThat(tracker.drain())
                .containsExactly(
                        ClientNotice.error(
                                "UNAVAILABLE",
                                "the audio log did not acknowledge frame 2 in time; send it again",
                                "r1",
                                "alice",
                                "mic",
                                2L));
        assertThat(tracker.drain()).isEmpty();
    }

    @Test
    void noticesAreJson() {
        assertThat(ClientNotice.ack("r1", "alice", "mic", 7).toJson())
                .isEqualTo(
                        "{\"type\":\"ack\",\"roomId\":\"r1\",\"participantId\":\"alice\",\"trackId\":\"mic\",\"sequence\":7}");
        assertThat(
                        ClientNotice.error(
                                        "MALFORMED",
                                        "not an \"AudioFrame\"",
                                        null,
                                        null,
                                        null,
                                        null)
                                .toJson())
                .isEqualTo(
                        "{\"type\":\"error\",\"error\":\"MALFORMED\",\"message\":\"not an \\\"AudioFrame\\\"\"}");
    }
}
