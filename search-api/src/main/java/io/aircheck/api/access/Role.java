package io.aircheck.api.access;

/** The roles of DESIGN.md's security model, from least to most access. */
public enum Role {
    LISTENER,
    RESEARCHER,
    AUDITOR,
    ADMIN;

    /** Whether this role may see rooms of every visibility (private ones included). */
    public boolean seesEverything() {
        return this == AUDITOR || this == ADMIN;
    }
}
