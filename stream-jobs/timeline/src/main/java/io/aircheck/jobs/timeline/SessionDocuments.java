package io.aircheck.jobs.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.jobs.timeline.session.RoomSession;
import io.aircheck.jobs.timeline.session.SessionProjection;
import io.aircheck.jobs.timeline.session.TimelineDocument;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Renders a session as its catalog document, its event log (NDJSON) and its timeline (JSON). */
final class SessionDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionDocuments() {}

    static VersionedRoom catalog(RoomSession s) {
        List<RoomDocument.Speaker> speakers =
                s.stage.stream()
                        .map(id -> new RoomDocument.Speaker(id, s.displayName(id)))
                        .toList();
        RoomDocument doc =
                new RoomDocument(
                        s.roomId,
                        s.sessionId,
                        s.title,
                        s.hostId,
                        s.visibility,
                        speakers,
                        micros(s.startedAtUs),
                        s.live() ? null : micros(s.endedAtUs),
                        s.durationMs(),
                        s.live(),
                        s.peakParticipants,
                        micros(s.lastEventAtUs));
        return new VersionedRoom(doc, s.version);
    }

    /** The events, one protobuf-JSON object per line, in room-clock order (log order for ties). */
    static byte[] eventLog(List<RoomEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.stream()
                .sorted(SessionProjection.ROOM_CLOCK)
                .forEach(
                        e -> {
                            out.writeBytes(WireFormat.toJson(e).getBytes(StandardCharsets.UTF_8));
                            out.write('\n');
                        });
        return out.toByteArray();
    }

    static byte[] timeline(RoomSession s) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(TimelineDocument.of(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant micros(long us) {
        return Instant.ofEpochSecond(
                Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
    }
}
