package io.aircheck.capture.simulator;

import io.aircheck.protocol.Ids;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import io.aircheck.protocol.v1.Visibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What happens in a simulated room: who speaks which audio file from when, on the room clock (µs
 * after the room opens). {@link #actions} turns it into the time-ordered events and frames to send.
 * Pure: it reads no files (the speakers' durations are given).
 */
public record RoomScript(
        String roomId, String title, String hostId, List<Speaker> speakers, long tailUs) {

    /** Frames are 20 ms. */
    public static final long FRAME_US = 20_000;

    /** A speaker joins this long before their first frame, is promoted, then publishes. */
    public static final long SETUP_US = 30_000;

    /** After their last frame a speaker unpublishes, and leaves this long after. */
    public static final long LEAVE_AFTER_US = 10_000;

    public static final String TRACK_ID = "mic";

    /** A speaker: their audio file plays from {@code offsetUs} on the room clock. */
    public record Speaker(String participantId, String displayName, Path audioFile, long offsetUs) {
        public Speaker {
            Ids.require("participant id", participantId);
            Objects.requireNonNull(audioFile, "audioFile");
            if (offsetUs < SETUP_US) {
                throw new IllegalArgumentException(
                        "speaker '"
                                + participantId
                                + "' starts at "
                                + offsetUs
                                + " µs; the earliest start is "
                                + SETUP_US
                                + " µs (time to join and publish)");
            }
            displayName =
                    displayName == null || displayName.isBlank() ? participantId : displayName;
        }
    }

    public RoomScript {
        Ids.require("room id", roomId);
        Ids.require("host id", hostId);
        speakers = List.copyOf(speakers);
        if (speakers.isEmpty()) {
            throw new IllegalArgumentException("a room needs at least one speaker");
        }
        Set<String> ids = new HashSet<>();
        for (Speaker speaker : speakers) {
            if (!ids.add(speaker.participantId())) {
                throw new IllegalArgumentException(
                        "speaker '" + speaker.participantId() + "' is listed twice");
            }
        }
        if (tailUs < 0) {
            throw new IllegalArgumentException("tail must not be negative");
        }
    }

    /** One step of the script, at {@code atUs} on the room clock. */
    public sealed interface Action {
        long atUs();
    }

    /** Send {@code event}; its timestamp is relative to the room's start (add T0). */
    public record SendEvent(long atUs, RoomEvent event) implements Action {}

    /** Send frame {@code index} (20 ms, from media position index × 20 ms) of a speaker. */
    public record SendFrame(long atUs, String participantId, int index) implements Action {}

    /**
     * The actions in time order (ties keep the order in which they happen: an open before a join, a
     * speaker's events before their first frame).
     *
     * @param framesBySpeaker how many 20 ms frames each speaker's audio has
     */
    public List<Action> actions(Map<String, Integer> framesBySpeaker, Codec codec) {
        List<Action> actions = new ArrayList<>();
        actions.add(
                event(
                        0,
                        "open",
                        RoomEvent.newBuilder()
                                .setRoomOpened(
                                        RoomOpened.newBuilder()
                                                .setTitle(title == null ? "" : title)
                                                .setHostId(hostId)
                                                .setVisibility(Visibility.PUBLIC))));
        long lastLeave = 0;
        for (Speaker speaker : speakers) {
            Integer frames = framesBySpeaker.get(speaker.participantId());
            if (frames == null || frames <= 0) {
                throw new IllegalArgumentException(
                        "no audio for speaker '" + speaker.participantId() + "'");
            }
            lastLeave = Math.max(lastLeave, addSpeaker(actions, speaker, frames, codec));
        }
        actions.add(
                event(
                        lastLeave + tailUs,
                        "close",
                        RoomEvent.newBuilder()
                                .setRoomClosed(RoomClosed.newBuilder().setReason("script ended"))));
        List<Action> ordered = new ArrayList<>(actions);
        ordered.sort(Comparator.comparingLong(Action::atUs)); // stable: ties keep insertion order
        return ordered;
    }

    /**
     * The script as a {@link RoomPlan} (for the sources that publish tracks their own way: raw PCM
     * sockets, RTP bindings): speaker {@code i} says clip {@code i} of the player's library.
     */
    public RoomPlan plan(Map<String, Integer> framesBySpeaker) {
        List<RoomPlan.Step> steps = new ArrayList<>();
        steps.add(
                new RoomPlan.Event(
                        0,
                        RoomEvent.newBuilder()
                                .setEventId("open")
                                .setRoomOpened(
                                        RoomOpened.newBuilder()
                                                .setTitle(title == null ? "" : title)
                                                .setHostId(hostId)
                                                .setVisibility(Visibility.PUBLIC))
                                .build()));
        long lastLeave = 0;
        for (int i = 0; i < speakers.size(); i++) {
            Speaker speaker = speakers.get(i);
            String p = speaker.participantId();
            long start = speaker.offsetUs();
            int frames = framesBySpeaker.get(p);
            long end = start + frames * FRAME_US;
            steps.add(
                    new RoomPlan.Event(
                            start - SETUP_US,
                            RoomEvent.newBuilder()
                                    .setEventId(p + "-join")
                                    .setParticipantJoined(
                                            ParticipantJoined.newBuilder()
                                                    .setParticipantId(p)
                                                    .setDisplayName(speaker.displayName())
                                                    .setRole(Role.LISTENER))
                                    .build()));
            steps.add(
                    new RoomPlan.Event(
                            start - 2 * SETUP_US / 3,
                            RoomEvent.newBuilder()
                                    .setEventId(p + "-promote")
                                    .setRoleChanged(
                                            RoleChanged.newBuilder()
                                                    .setParticipantId(p)
                                                    .setRole(Role.SPEAKER))
                                    .build()));
            steps.add(new RoomPlan.Publish(start - SETUP_US / 3, p));
            steps.add(new RoomPlan.Turn(start, p, i, 0, frames));
            steps.add(new RoomPlan.Unpublish(end, p));
            steps.add(
                    new RoomPlan.Event(
                            end + LEAVE_AFTER_US,
                            RoomEvent.newBuilder()
                                    .setEventId(p + "-leave")
                                    .setParticipantLeft(
                                            ParticipantLeft.newBuilder().setParticipantId(p))
                                    .build()));
            lastLeave = Math.max(lastLeave, end + LEAVE_AFTER_US);
        }
        steps.add(
                new RoomPlan.Event(
                        lastLeave + tailUs,
                        RoomEvent.newBuilder()
                                .setEventId("close")
                                .setRoomClosed(RoomClosed.newBuilder().setReason("script ended"))
                                .build()));
        return new RoomPlan(roomId, steps);
    }

    /** Adds a speaker's events and frames; returns when they leave. */
    private static long addSpeaker(List<Action> actions, Speaker speaker, int frames, Codec codec) {
        String p = speaker.participantId();
        long start = speaker.offsetUs();
        long end = start + frames * FRAME_US;
        actions.add(
                event(
                        start - SETUP_US,
                        p + "-join",
                        RoomEvent.newBuilder()
                                .setParticipantJoined(
                                        ParticipantJoined.newBuilder()
                                                .setParticipantId(p)
                                                .setDisplayName(speaker.displayName())
                                                .setRole(Role.LISTENER))));
        actions.add(
                event(
                        start - 2 * SETUP_US / 3,
                        p + "-promote",
                        RoomEvent.newBuilder()
                                .setRoleChanged(
                                        RoleChanged.newBuilder()
                                                .setParticipantId(p)
                                                .setRole(Role.SPEAKER))));
        actions.add(
                event(
                        start - SETUP_US / 3,
                        p + "-publish",
                        RoomEvent.newBuilder()
                                .setTrackPublished(
                                        TrackPublished.newBuilder()
                                                .setParticipantId(p)
                                                .setTrackId(TRACK_ID)
                                                .setCodec(codec)
                                                .setSampleRate(SimulatedRoom.SAMPLE_RATE)
                                                .setChannels(1))));
        for (int i = 0; i < frames; i++) {
            actions.add(new SendFrame(start + i * FRAME_US, p, i));
        }
        actions.add(
                event(
                        end,
                        p + "-unpublish",
                        RoomEvent.newBuilder()
                                .setTrackUnpublished(
                                        TrackUnpublished.newBuilder()
                                                .setParticipantId(p)
                                                .setTrackId(TRACK_ID))));
        actions.add(
                event(
                        end + LEAVE_AFTER_US,
                        p + "-leave",
                        RoomEvent.newBuilder()
                                .setParticipantLeft(
                                        ParticipantLeft.newBuilder().setParticipantId(p))));
        return end + LEAVE_AFTER_US;
    }

    private static SendEvent event(long atUs, String localId, RoomEvent.Builder event) {
        return new SendEvent(atUs, event.setEventId(localId).setTimestampUs(atUs).build());
    }
}
