package io.aircheck.capture.simulator;

import io.aircheck.protocol.v1.HandLowered;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.Muted;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.Unmuted;
import io.aircheck.protocol.v1.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic rooms (seeded, so a run can be repeated): the host opens the room and goes on
 * air; the other speakers join as listeners, raise their hands and are promoted; listeners come and
 * go, some raise and lower hands; speakers take turns, unmuting to speak and muting after; one
 * speaker is demoted back to the audience; at the end speakers go off air, everyone leaves and the
 * room closes. In continuous mode every speaker talks all the time (clips looped): the load an SFU
 * forwarding every speaker's audio puts on the gateway. Pure.
 */
public final class ScenarioGenerator {
    /** What to generate. */
    public record Settings(
            int rooms,
            int speakers,
            int listeners,
            long durationUs,
            boolean continuous,
            long seed,
            String roomPrefix) {
        public Settings {
            if (rooms < 1 || speakers < 1 || listeners < 0) {
                throw new IllegalArgumentException("at least one room with one speaker");
            }
            if (durationUs < 2_000_000) {
                throw new IllegalArgumentException("a room lasts at least 2 s");
            }
        }
    }

    /** A turn of speech lasts at most this many frames (8 s). */
    static final int MAX_TURN_FRAMES = 400;

    private ScenarioGenerator() {}

    public static List<RoomPlan> generate(Settings settings, List<Integer> clipFrames) {
        if (clipFrames.isEmpty()) {
            throw new IllegalArgumentException("no clips");
        }
        List<RoomPlan> plans = new ArrayList<>();
        for (int r = 0; r < settings.rooms(); r++) {
            plans.add(room(settings, r, clipFrames, new Random(settings.seed() * 1_000_003L + r)));
        }
        return plans;
    }

    private static RoomPlan room(Settings s, int index, List<Integer> clipFrames, Random random) {
        String roomId = s.roomPrefix() + "-" + (index + 1);
        List<RoomPlan.Step> steps = new ArrayList<>();
        long end = s.durationUs();
        String host = "s1";
        steps.add(
                event(
                        0,
                        "open",
                        RoomEvent.newBuilder()
                                .setRoomOpened(
                                        RoomOpened.newBuilder()
                                                .setTitle("Simulated room " + (index + 1))
                                                .setHostId(host)
                                                .setVisibility(Visibility.PUBLIC))));
        steps.add(event(10_000, host + "-join", joined(host, Role.MODERATOR)));
        List<Long> onAir = new ArrayList<>();
        onAir.add(20_000L);
        steps.add(new RoomPlan.Publish(20_000, host));
        for (int i = 2; i <= s.speakers(); i++) {
            String p = "s" + i;
            long join = 50_000 + between(random, 0, 300_000);
            long hand = join + between(random, 100_000, 400_000);
            long promoted = hand + between(random, 200_000, 600_000);
            steps.add(event(join, p + "-join", joined(p, Role.LISTENER)));
            steps.add(
                    event(
                            hand,
                            p + "-hand",
                            RoomEvent.newBuilder()
                                    .setHandRaised(HandRaised.newBuilder().setParticipantId(p))));
            steps.add(
                    event(
                            promoted - 5_000,
                            p + "-lower",
                            RoomEvent.newBuilder()
                                    .setHandLowered(HandLowered.newBuilder().setParticipantId(p))));
            steps.add(
                    event(
                            promoted,
                            p + "-promote",
                            RoomEvent.newBuilder()
                                    .setRoleChanged(
                                            RoleChanged.newBuilder()
                                                    .setParticipantId(p)
                                                    .setRole(Role.SPEAKER)
                                                    .setBy(host))));
            steps.add(new RoomPlan.Publish(promoted + 20_000, p));
            onAir.add(promoted + 20_000);
        }
        listeners(s, steps, end, random);
        String demoted = s.continuous() || s.speakers() < 3 ? null : "s" + s.speakers();
        long demotedAt = end;
        if (s.continuous()) {
            continuousTurns(steps, onAir, end, index, clipFrames.size());
        } else {
            demotedAt = turns(s, steps, onAir, end, clipFrames, random, index, demoted);
        }
        for (int i = 1; i <= s.speakers(); i++) {
            String p = "s" + i;
            if (!p.equals(demoted)) {
                steps.add(new RoomPlan.Unpublish(end, p));
            }
            steps.add(
                    event(
                            end + 10_000 + i,
                            p + "-leave",
                            RoomEvent.newBuilder()
                                    .setParticipantLeft(
                                            ParticipantLeft.newBuilder().setParticipantId(p))));
        }
        if (demoted != null && demotedAt < end) {
            steps.add(
                    event(
                            demotedAt,
                            demoted + "-demote",
                            RoomEvent.newBuilder()
                                    .setRoleChanged(
                                            RoleChanged.newBuilder()
                                                    .setParticipantId(demoted)
                                                    .setRole(Role.LISTENER)
                                                    .setBy(host))));
        }
        steps.add(
                event(
                        end + 500_000,
                        "close",
                        RoomEvent.newBuilder()
                                .setRoomClosed(
                                        RoomClosed.newBuilder()
                                                .setReason("the host ended the room"))));
        return new RoomPlan(roomId, steps);
    }

    /** Listeners come (in the first 60 %), some raise and lower a hand, some leave early. */
    private static void listeners(Settings s, List<RoomPlan.Step> steps, long end, Random random) {
        for (int i = 1; i <= s.listeners(); i++) {
            String p = "l" + i;
            long join = between(random, 30_000, Math.max(60_000, end * 6 / 10));
            steps.add(event(join, p + "-join", joined(p, Role.LISTENER)));
            long leave = end + 20_000 + i;
            if (random.nextDouble() < 0.4) {
                leave =
                        between(
                                random,
                                join + 1_000_000,
                                Math.max(join + 1_000_001, end - 100_000));
            }
            if (random.nextDouble() < 0.3) {
                long hand = join + between(random, 500_000, 3_000_000);
                long lower = hand + between(random, 1_000_000, 3_000_000);
                if (lower < leave - 10_000) {
                    steps.add(
                            event(
                                    hand,
                                    p + "-hand",
                                    RoomEvent.newBuilder()
                                            .setHandRaised(
                                                    HandRaised.newBuilder().setParticipantId(p))));
                    steps.add(
                            event(
                                    lower,
                                    p + "-lower",
                                    RoomEvent.newBuilder()
                                            .setHandLowered(
                                                    HandLowered.newBuilder().setParticipantId(p))));
                }
            }
            steps.add(
                    event(
                            leave,
                            p + "-leave",
                            RoomEvent.newBuilder()
                                    .setParticipantLeft(
                                            ParticipantLeft.newBuilder().setParticipantId(p))));
        }
    }

    /**
     * Speakers take turns (or, continuous, all talk at once); returns when {@code demoted} is
     * demoted (after their first turn), or the end.
     */
    private static long turns(
            Settings s,
            List<RoomPlan.Step> steps,
            List<Long> onAir,
            long end,
            List<Integer> clipFrames,
            Random random,
            int roomIndex,
            String demoted) {
        long t = onAir.stream().mapToLong(Long::longValue).max().orElse(0) + 200_000;
        long demotedAt = end;
        int turn = 0;
        List<Integer> speaking = new ArrayList<>();
        for (int i = 1; i <= s.speakers(); i++) {
            speaking.add(i);
        }
        while (!speaking.isEmpty()) {
            int i = speaking.get(turn % speaking.size());
            String p = "s" + i;
            int clip = (roomIndex + turn) % clipFrames.size();
            int frames = Math.min(MAX_TURN_FRAMES, clipFrames.get(clip));
            long turnEnd = t + frames * RoomScript.FRAME_US;
            if (turnEnd + 50_000 > end) {
                break;
            }
            steps.add(
                    event(
                            t - 10_000,
                            p + "-unmute-" + turn,
                            RoomEvent.newBuilder()
                                    .setUnmuted(Unmuted.newBuilder().setParticipantId(p))));
            steps.add(new RoomPlan.Turn(t, p, clip, 0, frames));
            steps.add(
                    event(
                            turnEnd + 10_000,
                            p + "-mute-" + turn,
                            RoomEvent.newBuilder()
                                    .setMuted(Muted.newBuilder().setParticipantId(p))));
            if (p.equals(demoted)) {
                demotedAt = turnEnd + 50_000;
                speaking.remove(Integer.valueOf(i));
            }
            turn++;
            t = turnEnd + between(random, 300_000, 1_500_000);
        }
        return demotedAt;
    }

    /** Continuous mode: every speaker on air talks from going on air to the end, clips looped. */
    static void continuousTurns(
            List<RoomPlan.Step> steps, List<Long> onAir, long end, int roomIndex, int clips) {
        for (int i = 0; i < onAir.size(); i++) {
            long start = onAir.get(i) + 40_000;
            int frames = (int) ((end - start) / RoomScript.FRAME_US);
            steps.add(new RoomPlan.Turn(start, "s" + (i + 1), (roomIndex + i) % clips, 0, frames));
        }
    }

    private static RoomEvent.Builder joined(String p, Role role) {
        return RoomEvent.newBuilder()
                .setParticipantJoined(
                        ParticipantJoined.newBuilder()
                                .setParticipantId(p)
                                .setDisplayName("Participant " + p)
                                .setRole(role));
    }

    private static RoomPlan.Event event(long atUs, String localId, RoomEvent.Builder event) {
        return new RoomPlan.Event(atUs, event.setEventId(localId).build());
    }

    private static long between(Random random, long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }
}
