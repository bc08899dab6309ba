package io.aircheck.jobs.timeline.session;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The room's story as the replay page draws it: who was there when, in which role, hands, mutes,
 * removals, consent, pinned links, and who spoke when. Times are milliseconds from the session's
 * start ({@code toMs} null while it lasts), plus the absolute start and end.
 */
public record TimelineDocument(
        int schemaVersion,
        String roomId,
        String sessionId,
        String title,
        String hostId,
        String visibility,
        String startedAt,
        String endedAt,
        long durationMs,
        boolean live,
        String closeReason,
        int peakParticipants,
        int eventCount,
        List<ParticipantView> participants,
        List<SpeechView> speaking,
        List<LinkView> links,
        List<StageEvent> events) {

    public record Span(long fromMs, Long toMs) {}

    public record At(long atMs, String value) {}

    public record Removal(long atMs, String by, String reason) {}

    public record ParticipantView(
            String participantId,
            String displayName,
            boolean onStage,
            List<Span> presence,
            List<At> roles,
            List<Span> hands,
            List<Span> mutes,
            List<At> consent,
            Removal removed) {}

    public record SpeechView(String participantId, long fromMs, long toMs) {}

    public record LinkView(long atMs, String url, String title, String by) {}

    /**
     * A change on stage, for drawing on the room's time line: role changes, hands, mutes, consent,
     * removals, pinned links (listeners coming and going are in {@code participants}).
     */
    public record StageEvent(
            long offsetMs, String type, String participantId, String displayName) {}

    public static TimelineDocument of(RoomSession s) {
        long t0 = s.startedAtUs;
        List<ParticipantView> people =
                s.participants.values().stream()
                        .map(
                                p ->
                                        new ParticipantView(
                                                p.participantId,
                                                p.displayName,
                                                s.stage.contains(p.participantId),
                                                spans(p.presence, t0),
                                                changes(p.roles, t0),
                                                spans(p.hands, t0),
                                                spans(p.mutes, t0),
                                                changes(p.consent, t0),
                                                p.removedAtUs < 0
                                                        ? null
                                                        : new Removal(
                                                                ms(p.removedAtUs, t0),
                                                                p.removedBy,
                                                                p.removedReason)))
                        .toList();
        List<SpeechView> speech =
                s.speaking.stream()
                        .sorted(Comparator.comparingLong(i -> i.startUs))
                        .map(
                                i ->
                                        new SpeechView(
                                                i.participantId,
                                                ms(i.startUs, t0),
                                                ms(i.endUs, t0)))
                        .toList();
        List<LinkView> links =
                s.links.stream()
                        .map(l -> new LinkView(ms(l.atUs, t0), l.url, l.title, l.by))
                        .toList();
        return new TimelineDocument(
                1,
                s.roomId,
                s.sessionId,
                s.title,
                s.hostId,
                s.visibility,
                instant(s.startedAtUs),
                s.live() ? null : instant(s.endedAtUs),
                s.durationMs(),
                s.live(),
                s.closeReason,
                s.peakParticipants,
                s.eventCount,
                people,
                speech,
                links,
                stage(people, links));
    }

    private static List<StageEvent> stage(List<ParticipantView> people, List<LinkView> links) {
        List<StageEvent> events = new java.util.ArrayList<>();
        for (ParticipantView p : people) {
            for (int i = 0; i < p.roles().size(); i++) {
                At role = p.roles().get(i);
                if (i > 0 || !role.value().equals("LISTENER")) {
                    events.add(
                            new StageEvent(
                                    role.atMs(),
                                    "role " + role.value().toLowerCase(java.util.Locale.ROOT),
                                    p.participantId(),
                                    p.displayName()));
                }
            }
            p.hands()
                    .forEach(
                            h ->
                                    events.add(
                                            new StageEvent(
                                                    h.fromMs(),
                                                    "hand raised",
                                                    p.participantId(),
                                                    p.displayName())));
            p.mutes()
                    .forEach(
                            m ->
                                    events.add(
                                            new StageEvent(
                                                    m.fromMs(),
                                                    "muted",
                                                    p.participantId(),
                                                    p.displayName())));
            p.consent()
                    .forEach(
                            c ->
                                    events.add(
                                            new StageEvent(
                                                    c.atMs(),
                                                    "false".equals(c.value())
                                                            ? "consent withdrawn"
                                                            : "consent given",
                                                    p.participantId(),
                                                    p.displayName())));
            if (p.removed() != null) {
                events.add(
                        new StageEvent(
                                p.removed().atMs(), "removed", p.participantId(), p.displayName()));
            }
        }
        links.forEach(l -> events.add(new StageEvent(l.atMs(), "link pinned", l.by(), l.title())));
        events.sort(Comparator.comparingLong(StageEvent::offsetMs));
        return events;
    }

    private static List<Span> spans(List<Interval> intervals, long t0) {
        return intervals.stream()
                .map(i -> new Span(ms(i.startUs, t0), i.open() ? null : ms(i.endUs, t0)))
                .toList();
    }

    private static List<At> changes(List<Change> changes, long t0) {
        return changes.stream().map(c -> new At(ms(c.atUs, t0), c.value)).toList();
    }

    private static long ms(long us, long t0) {
        return Math.max(0, us - t0) / 1000;
    }

    static String instant(long us) {
        return Instant.ofEpochSecond(
                        Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L)
                .toString();
    }
}
