package io.aircheck.storage.retention;

import java.util.List;

/** The legal holds in force (and released ones, which cover nothing). Pure. */
public record HoldSet(List<LegalHold> holds) {
    public HoldSet {
        holds = List.copyOf(holds);
    }

    public static HoldSet none() {
        return new HoldSet(List.of());
    }

    public List<LegalHold> active() {
        return holds.stream().filter(LegalHold::active).toList();
    }

    /** The active holds that cover {@code key}. */
    public List<LegalHold> covering(String key, SessionParticipants participants) {
        return holds.stream().filter(h -> h.covers(key, participants)).toList();
    }

    public boolean anyParticipantHold() {
        return active().stream().anyMatch(h -> h.scope().equals(LegalHold.PARTICIPANT));
    }
}
