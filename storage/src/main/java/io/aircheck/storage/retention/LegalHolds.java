package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.layout.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legal holds, kept in the archive bucket ({@code holds/{holdId}.json}; a release rewrites the
 * record with who released it and when, so the history stays), and mirrored onto the server's
 * object lock where there is one: placing a hold sets the legal-hold flag of every object it
 * covers, releasing clears it where no other hold still covers the object.
 */
public final class LegalHolds {
    public static final String PREFIX = "holds/";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ObjectStore store;
    private final ObjectLock lock;

    public LegalHolds(ObjectStore store, ObjectLock lock) {
        this.store = store;
        this.lock = lock;
    }

    public static String key(String holdId) {
        return PREFIX + holdId + ".json";
    }

    public ObjectLock.Enforcement enforcement() {
        return lock.enforcement();
    }

    /** Every hold ever placed, active and released, oldest first. */
    public HoldSet all() {
        List<LegalHold> holds = new ArrayList<>();
        for (ObjectInfo info : store.list(PREFIX)) {
            if (info.key().endsWith(".json")) {
                holds.add(read(store.get(info.key())));
            }
        }
        holds.sort(
                java.util.Comparator.comparing(LegalHold::placedAt)
                        .thenComparing(LegalHold::holdId));
        return new HoldSet(holds);
    }

    public Optional<LegalHold> get(String holdId) {
        String key = key(holdId);
        return store.stat(key).isPresent() ? Optional.of(read(store.get(key))) : Optional.empty();
    }

    /**
     * Records the hold and flags what it covers on an object-lock server; returns the keys covered.
     */
    public List<String> place(LegalHold hold) {
        if (store.stat(key(hold.holdId())).isPresent()) {
            throw new IllegalArgumentException("hold '" + hold.holdId() + "' exists already");
        }
        store.put(
                key(hold.holdId()),
                hold.toJson().getBytes(StandardCharsets.UTF_8),
                "application/json");
        List<String> covered = covered(hold);
        if (lock.enforcement().objectLock()) {
            covered.forEach(k -> lock.legalHold(k, true));
        }
        return covered;
    }

    /** Releases an active hold; the record stays. */
    public LegalHold release(String holdId, String by, Instant at) {
        LegalHold hold =
                get(holdId)
                        .orElseThrow(
                                () -> new IllegalArgumentException("no hold '" + holdId + "'"));
        if (!hold.active()) {
            throw new IllegalStateException(
                    hold.describe()
                            + " was released already, by "
                            + hold.releasedBy()
                            + " at "
                            + hold.releasedAt());
        }
        LegalHold released = hold.released(by, at);
        store.put(
                key(holdId),
                released.toJson().getBytes(StandardCharsets.UTF_8),
                "application/json");
        if (lock.enforcement().objectLock()) {
            HoldSet others = all();
            SessionParticipants participants = SessionParticipants.of(store.list("rooms/"));
            for (String k : covered(hold)) {
                if (others.covering(k, participants).isEmpty()) {
                    lock.legalHold(k, false);
                }
            }
        }
        return released;
    }

    /** The objects a hold covers now. */
    public List<String> covered(LegalHold hold) {
        String prefix =
                hold.scope().equals(LegalHold.SESSION)
                        ? ObjectKeys.session(hold.roomId(), hold.sessionId())
                        : hold.roomId() == null ? "rooms/" : ObjectKeys.room(hold.roomId());
        List<ObjectInfo> listing = store.list(prefix);
        SessionParticipants participants = SessionParticipants.of(listing);
        LegalHold active =
                hold.active()
                        ? hold
                        : new LegalHold(
                                hold.holdId(),
                                hold.caseReference(),
                                hold.scope(),
                                hold.roomId(),
                                hold.sessionId(),
                                hold.participantId(),
                                hold.reason(),
                                hold.placedBy(),
                                hold.placedAt(),
                                null,
                                null);
        return listing.stream()
                .map(ObjectInfo::key)
                .filter(k -> active.covers(k, participants))
                .toList();
    }

    static LegalHold read(byte[] bytes) {
        JsonNode n;
        try {
            n = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "a hold record is not JSON: " + e.getOriginalMessage(), e);
        }
        return new LegalHold(
                text(n, "holdId"),
                text(n, "caseReference"),
                text(n, "scope"),
                text(n, "roomId"),
                text(n, "sessionId"),
                text(n, "participantId"),
                text(n, "reason"),
                text(n, "placedBy"),
                Instant.parse(text(n, "placedAt")),
                text(n, "releasedBy"),
                text(n, "releasedAt") == null ? null : Instant.parse(text(n, "releasedAt")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }
}
