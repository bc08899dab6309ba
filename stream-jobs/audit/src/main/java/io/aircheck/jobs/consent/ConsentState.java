package io.aircheck.jobs.consent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the consent job keeps per room session (Flink state, a POJO): each speaker's latest consent,
 * the finalized recording once known, and which withdrawals the public copy was rendered for.
 */
public final class ConsentState {
    public Map<String, Boolean> consent = new HashMap<>();
    public SessionRecording recording;

    /**
     * {@link PublicMix#signature} of the withdrawals the copy in the bucket reflects; null = none.
     */
    public String rendered;

    /** A render failed and is retried. */
    public boolean retry;

    public ConsentState() {}

    public Set<String> withdrawn() {
        return consent.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
