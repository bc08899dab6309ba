package io.aircheck.storage.retention;

import io.aircheck.storage.ObjectStoreException;
import java.util.List;

/** A delete or overwrite refused because legal holds cover the object. */
public final class HeldObjectException extends ObjectStoreException {
    private final List<LegalHold> holds;

    public HeldObjectException(String key, String what, List<LegalHold> holds) {
        super(
                Kind.PERMANENT,
                "refused to "
                        + what
                        + " '"
                        + key
                        + "': under legal hold ("
                        + String.join("; ", holds.stream().map(LegalHold::describe).toList())
                        + ")",
                null);
        this.holds = List.copyOf(holds);
    }

    public List<LegalHold> holds() {
        return holds;
    }
}
