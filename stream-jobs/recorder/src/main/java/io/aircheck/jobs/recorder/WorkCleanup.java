package io.aircheck.jobs.recorder;

import io.aircheck.storage.ObjectStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an archived session's work objects may go: once a checkpoint taken after the archive is
 * complete, no restore can go back to before it and need them again. Which sessions wait for which
 * checkpoint is kept in the operator's state, so a restart still cleans up.
 */
final class WorkCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(WorkCleanup.class);

    private List<String> sinceSnapshot = new ArrayList<>();
    private final Map<Long, List<String>> waiting = new LinkedHashMap<>();

    /** Work prefixes a restored job found in its state: due at the next completed checkpoint. */
    void restore(List<String> prefixes) {
        if (!prefixes.isEmpty()) {
            waiting.put(Long.MIN_VALUE, new ArrayList<>(prefixes));
        }
    }

    /** A session's work prefix, archived since the last snapshot. */
    void archived(String prefix) {
        sinceSnapshot.add(prefix);
    }

    /** At checkpoint {@code id}: what to keep in state (every prefix not yet deleted). */
    List<String> snapshot(long id) {
        if (!sinceSnapshot.isEmpty()) {
            waiting.put(id, sinceSnapshot);
            sinceSnapshot = new ArrayList<>();
        }
        List<String> pending = new ArrayList<>();
        waiting.values().forEach(pending::addAll);
        return pending;
    }

    /** Checkpoint {@code id} completed: the prefixes whose work may now be deleted. */
    List<String> completed(long id) {
        List<String> due = new ArrayList<>();
        Iterator<Map.Entry<Long, List<String>>> entries = waiting.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, List<String>> entry = entries.next();
            if (entry.getKey() <= id) {
                due.addAll(entry.getValue());
                entries.remove();
            }
        }
        return due;
    }

    static void delete(ObjectStore store, String prefix) {
        try {
            for (var info : store.list(prefix)) {
                store.delete(info.key());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not delete the work objects under {} (they are only clutter): {}",
                    prefix,
                    e.getMessage());
        }
    }
}
