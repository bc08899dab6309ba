package io.aircheck.storage.retention;

import java.time.Instant;
import java.util.Optional;

/**
 * The server's own protection of objects (S3 Object Lock), where it has any: legal-hold flags and
 * compliance-mode retention (WORM). {@link #enforcement()} says whether it is there; when it is not
 * (e.g. the embedded S3 server, which answers 501), holds are enforced by aircheck alone.
 */
public interface ObjectLock {

    /** Which protection is active, and why. */
    record Enforcement(boolean objectLock, String description) {}

    Enforcement enforcement();

    /** Sets or clears the object's legal-hold flag (object lock only). */
    void legalHold(String key, boolean on);

    /** Locks the object until {@code until} in compliance mode (object lock only). */
    void retainUntil(String key, Instant until);

    /** Until when the object is locked, if it is. */
    Optional<Instant> retainedUntil(String key);

    /** No object lock: aircheck enforces holds itself. */
    static ObjectLock none(String why) {
        Enforcement enforcement = new Enforcement(false, why);
        return new ObjectLock() {
            @Override
            public Enforcement enforcement() {
                return enforcement;
            }

            @Override
            public void legalHold(String key, boolean on) {}

            @Override
            public void retainUntil(String key, Instant until) {}

            @Override
            public Optional<Instant> retainedUntil(String key) {
                return Optional.empty();
            }
        };
    }
}
