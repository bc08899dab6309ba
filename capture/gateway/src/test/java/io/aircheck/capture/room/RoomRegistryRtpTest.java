package io.aircheck.capture.room;

import static io.aircheck.capture.room.RoomEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tracks bound to RTP streams: ports, SSRCs, who is told, and what the gateway numbers. */
class RoomRegistryRtpTest {
    static final long T0 = 1_790_000_000_000_000L;
    static final RtpPorts PORTS = new RtpPorts(5004, List.of(40000, 40002));

    RoomRegistry registry;
    final List<String> told = new ArrayList<>();
    int events;

    @BeforeEach
    void rooms() {
        registry = new RoomRegistry(65536, PORTS);
        registry.setRtpListener(
                new RoomRegistry.RtpBindingListener() {
                    @Override
                    public void bound(RtpBinding b) {
                        told.add("bound " + b.trackKey() + " " + b.port() + "/" + b.ssrc());
                    }

                    @Override
                    public void unbound(RtpBinding b) {
                        told.add("unbound " + b.trackKey());
                    }
                });
        for (String room : List.of("r1", "r2")) {
            accept(opened(room, room + "-open", T0));
            for (String p : List.of("alice", "bob", "carol")) {
                accept(joined(room, room + p, T0 + 1, p, Role.SPEAKER));
            }
        }
    }

    RoomEvent accept(RoomEvent event) {
        EventDecision decision = registry.decide(event, "janus", T0 + 5);
        assertThat(decision).isInstanceOf(EventDecision.Accepted.class);
        RoomEvent complete = ((EventDecision.Accepted) decision).event();
        registry.apply(complete);
        return complete;
    }

    Rejection refuse(RoomEvent event) {
        EventDecision decision = registry.decide(event, "janus", T0 + 5);
        assertThat(decision).isInstanceOf(EventDecision.Rejected.class);
        return ((EventDecision.Rejected) decision).rejection();
    }

    RoomEvent bind(String room, String pid, int port, Long ssrc) {
        return publishedRtp(room, "bind-" + (++events), T0 + 2, pid, "mic", port, ssrc);
    }

    @Test
    void anSsrcOnTheSharedPortAndAPortOfItsOwnAreChosenAndTold() {
        RoomEvent bySsrc = accept(bind("r1", "alice", 0, 1234L));
        RoomEvent byPort = accept(bind("r1", "bob", 0, null));
        assertThat(bySsrc.getTrackPublished().getRtp().getPort()).isEqualTo(5004);
        assertThat(byPort.getTrackPublished().getRtp().getPort()).isEqualTo(40000);
        assertThat(told)
                .containsExactly("bound r1/alice/mic 5004/1234", "bound r1/bob/mic 40000/null");
        assertThat(registry.rtpBinding(5004, 1234))
                .get()
                .extracting(RtpBinding::owner)
                .isEqualTo("janus");
        assertThat(registry.rtpBinding(5004, 99)).isEmpty();
        assertThat(registry.rtpBinding(40000, 99))
                .get()
                .extracting(RtpBinding::participantId)
                .isEqualTo("bob");
        assertThat(registry.gatewayClockedRooms()).containsExactly("r1");
    }

    @Test
    void portsAndSsrcsAreNotSharedAcrossRooms() {
        accept(bind("r1", "alice", 0, 1234L));
        accept(bind("r1", "bob", 40002, null));
        assertThat(refuse(bind("r2", "alice", 0, 1234L)).message())
                .isEqualTo("SSRC 1234 is already bound on the shared RTP port 5004");
        assertThat(refuse(bind("r2", "bob", 40002, null)).message())
                .isEqualTo("RTP port 40002 is already bound to another track");
        accept(bind("r2", "bob", 0, null)); // 40000 is still free
        Rejection full = refuse(bind("r2", "carol", 0, null));
        assertThat(full.code()).isEqualTo(Rejection.Code.CONFLICT);
        assertThat(full.message())
                .startsWith(
                        "every RTP port of the gateway's own is bound (shared 5004, own 40000-40002 (2))");
    }

    @Test
    void badBindingsAreRefusedWithTheRule() {
        assertThat(refuse(bind("r1", "alice", 5004, null)).message())
                .startsWith("streams on the shared RTP port 5004 are told apart by SSRC");
        assertThat(refuse(bind("r1", "alice", 6000, 1L)).message())
                .isEqualTo(
                        "port 6000 is not one of the gateway's RTP ports (shared 5004, own 40000-40002 (2))");
        RoomEvent pcm =
                bind("r1", "alice", 0, 1L).toBuilder()
                        .setTrackPublished(
                                bind("r1", "alice", 0, 1L).getTrackPublished().toBuilder()
                                        .setCodec(Codec.PCM_S16LE))
                        .build();
        assertThat(refuse(pcm).message()).startsWith("an RTP track carries Opus at 48000 Hz");
        RoomEvent staticType =
                bind("r1", "alice", 0, 1L).toBuilder()
                        .setTrackPublished(
                                bind("r1", "alice", 0, 1L).getTrackPublished().toBuilder()
                                        .setRtp(
                                                bind("r1", "alice", 0, 1L)
                                                        .getTrackPublished()
                                                        .getRtp()
                                                        .toBuilder()
                                                        .setPayloadType(8)))
                        .build();
        assertThat(refuse(staticType).message())
                .startsWith("payload_type must be a dynamic RTP payload type");
        RoomRegistry noOwnPorts = new RoomRegistry(65536, new RtpPorts(5004, List.of()));
        noOwnPorts.apply(
                ((EventDecision.Accepted) noOwnPorts.decide(opened("r", "o", T0), "x", T0))
                        .event());
        noOwnPorts.apply(
                ((EventDecision.Accepted)
                                noOwnPorts.decide(joined("r", "j", T0, "a", Role.SPEAKER), "x", T0))
                        .event());
        EventDecision none =
                noOwnPorts.decide(publishedRtp("r", "p", T0, "a", "mic", 0, null), "x", T0);
        assertThat(((EventDecision.Rejected) none).rejection().message())
                .isEqualTo(
                        "the gateway has no RTP ports to give a track of its own (shared 5004, no own ports); bind the stream by its ssrc on the shared port");
    }

    @Test
    void everyWayATrackEndsUnbindsItAndFreesItsPort() {
        accept(bind("r1", "alice", 0, 1L));
        accept(bind("r1", "bob", 0, 2L));
        accept(bind("r1", "carol", 0, null));
        accept(unpublished("r1", "u", T0 + 3, "alice", "mic"));
        accept(roleChanged("r1", "d", T0 + 4, "bob", Role.LISTENER));
        accept(closed("r1", "c", T0 + 5));
        assertThat(told.subList(3, told.size()))
                .containsExactly(
                        "unbound r1/alice/mic", "unbound r1/bob/mic", "unbound r1/carol/mic");
        assertThat(registry.rtpBindings()).isEmpty();
        assertThat(registry.gatewayClockedRooms()).isEmpty();
        accept(bind("r2", "alice", 0, 1L)); // free again
    }

    @Test
    void theGatewayNumbersItsTracksFromZeroAndPastEverythingAfterARestart() {
        accept(bind("r1", "alice", 0, 1L));
        assertThat(registry.nextSequence("r1", "alice", "mic", T0 + 1_000)).isZero();
        registry.applyFrame(frame("r1", "alice", "mic", 0, T0 + 1_000).build());
        assertThat(registry.nextSequence("r1", "alice", "mic", T0 + 21_000)).isEqualTo(1);
        assertThat(registry.nextSequence("r1", "bob", "mic", T0)).isEqualTo(-1);

        RoomRegistry restarted = new RoomRegistry(65536, PORTS);
        restarted.apply(opened("r1", "o", T0).toBuilder().setSessionId("s").build());
        restarted.apply(joined("r1", "j", T0, "alice", Role.SPEAKER));
        restarted.apply(
                ((EventDecision.Accepted) registry.decide(bind("r2", "alice", 0, 5L), "x", T0))
                        .event().toBuilder().setRoomId("r1").build());
        restarted.markRestored();
        assertThat(restarted.nextSequence("r1", "alice", "mic", T0 + 7_000_000))
                .isEqualTo(7_000_000);
        assertThat(restarted.rtpBinding(5004, 5)).isPresent();
    }
}
