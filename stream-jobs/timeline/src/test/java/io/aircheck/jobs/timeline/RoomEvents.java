package io.aircheck.jobs.timeline;

import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.HandLowered;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.LinkPinned;
import io.aircheck.protocol.v1.Muted;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.ParticipantRemoved;
import io.aircheck.protocol.v1.RecordingConsentChanged;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import io.aircheck.protocol.v1.Unmuted;
import io.aircheck.protocol.v1.Visibility;
import java.util.ArrayList;
import java.util.List;

/** A room session that uses every kind of event, as tests need it. */
public final class RoomEvents {
    public static final long T0 = 1_764_000_000_000_000L;
    public static final String ROOM = "room-1";
    public static final String SESSION = "s1";

    private RoomEvents() {}

    public static RoomEvent.Builder at(long offsetMs, String id) {
        return RoomEvent.newBuilder()
                .setRoomId(ROOM)
                .setSessionId(SESSION)
                .setEventId(id)
                .setTimestampUs(T0 + offsetMs * 1000);
    }

    /** Every event kind, in room-clock order; the room closes at 60 s. */
    public static List<RoomEvent> everyKind() {
        List<RoomEvent> e = new ArrayList<>();
        e.add(
                at(0, "open")
                        .setRoomOpened(
                                RoomOpened.newBuilder()
                                        .setTitle("Town hall")
                                        .setHostId("alice")
                                        .setVisibility(Visibility.PUBLIC))
                        .build());
        e.add(
                at(1_000, "alice-in")
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder()
                                        .setParticipantId("alice")
                                        .setDisplayName("Alice")
                                        .setRole(Role.MODERATOR))
                        .build());
        e.add(
                at(2_000, "bob-in")
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder()
                                        .setParticipantId("bob")
                                        .setDisplayName("Bob"))
                        .build());
        e.add(
                at(3_000, "carol-in")
                        .setParticipantJoined(
                                ParticipantJoined.newBuilder()
                                        .setParticipantId("carol")
                                        .setDisplayName("Carol"))
                        .build());
        e.add(
                at(4_000, "alice-mic")
                        .setTrackPublished(
                                TrackPublished.newBuilder()
                                        .setParticipantId("alice")
                                        .setTrackId("mic")
                                        .setCodec(Codec.OPUS))
                        .build());
        e.add(
                at(5_000, "bob-hand")
                        .setHandRaised(HandRaised.newBuilder().setParticipantId("bob"))
                        .build());
        e.add(
                at(7_000, "bob-up")
                        .setRoleChanged(
                                RoleChanged.newBuilder()
                                        .setParticipantId("bob")
                                        .setRole(Role.SPEAKER)
                                        .setBy("alice"))
                        .build());
        e.add(
                at(7_500, "bob-hand-down")
                        .setHandLowered(HandLowered.newBuilder().setParticipantId("bob"))
                        .build());
        e.add(
                at(8_000, "bob-mic")
                        .setTrackPublished(
                                TrackPublished.newBuilder()
                                        .setParticipantId("bob")
                                        .setTrackId("mic")
                                        .setCodec(Codec.OPUS))
                        .build());
        e.add(
                at(9_000, "link")
                        .setLinkPinned(
                                LinkPinned.newBuilder()
                                        .setUrl("https://example.org/agenda")
                                        .setTitle("Agenda")
                                        .setBy("alice"))
                        .build());
        e.add(
                at(20_000, "bob-muted")
                        .setMuted(Muted.newBuilder().setParticipantId("bob").setBy("alice"))
                        .build());
        e.add(
                at(25_000, "bob-unmuted")
                        .setUnmuted(Unmuted.newBuilder().setParticipantId("bob"))
                        .build());
        e.add(
                at(30_000, "carol-no")
                        .setRecordingConsentChanged(
                                RecordingConsentChanged.newBuilder()
                                        .setParticipantId("carol")
                                        .setConsent(false))
                        .build());
        e.add(
                at(40_000, "bob-down")
                        .setRoleChanged(
                                RoleChanged.newBuilder()
                                        .setParticipantId("bob")
                                        .setRole(Role.LISTENER)
                                        .setBy("alice"))
                        .build());
        e.add(
                at(40_100, "bob-mic-off")
                        .setTrackUnpublished(
                                TrackUnpublished.newBuilder()
                                        .setParticipantId("bob")
                                        .setTrackId("mic"))
                        .build());
        e.add(
                at(45_000, "carol-out")
                        .setParticipantRemoved(
                                ParticipantRemoved.newBuilder()
                                        .setParticipantId("carol")
                                        .setBy("alice")
                                        .setReason("spam"))
                        .build());
        e.add(
                at(50_000, "bob-out")
                        .setParticipantLeft(ParticipantLeft.newBuilder().setParticipantId("bob"))
                        .build());
        e.add(
                at(60_000, "close")
                        .setRoomClosed(RoomClosed.newBuilder().setReason("host ended the room"))
                        .build());
        return e;
    }
}
