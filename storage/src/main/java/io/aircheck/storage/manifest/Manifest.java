package io.aircheck.storage.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything archived of one room session: each object with its size, duration and sha256, in the
 * order written, each entry chained to the one before ({@link HashChain}). The head, the last link,
 * stands for the whole list: whoever holds it (an {@code archive.recordings} event, a signature)
 * can tell whether anything was altered. Serialised as {@code manifest.json} by {@link
 * ManifestJson}. Pure.
 *
 * @param links {@code links.get(i)} is entry i's link in the chain
 */
public record Manifest(
        String roomId,
        String sessionId,
        long startUs,
        long endUs,
        List<ManifestEntry> entries,
        List<String> links) {

    public Manifest {
        entries = List.copyOf(entries);
        links = List.copyOf(links);
        if (entries.size() != links.size()) {
            throw new IllegalArgumentException(
                    entries.size() + " entries but " + links.size() + " chain links");
        }
    }

    /** A manifest of {@code entries}, chained. */
    public static Manifest of(
            String roomId,
            String sessionId,
            long startUs,
            long endUs,
            List<ManifestEntry> entries) {
        List<String> links = new ArrayList<>(entries.size());
        String previous = HashChain.genesis(roomId, sessionId, startUs);
        for (ManifestEntry entry : entries) {
            previous = HashChain.link(previous, entry);
            links.add(previous);
        }
        return new Manifest(roomId, sessionId, startUs, endUs, entries, links);
    }

    public String genesis() {
        return HashChain.genesis(roomId, sessionId, startUs);
    }

    /** The last link (the genesis hash for an empty manifest). */
    public String head() {
        return links.isEmpty() ? genesis() : links.get(links.size() - 1);
    }

    /**
     * What does not add up: each link recomputed from the entries, so a changed entry, a changed or
     * missing link, or reordered entries show up here. Empty when the chain is intact.
     */
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        String previous = genesis();
        for (int i = 0; i < entries.size(); i++) {
            String expected = HashChain.link(previous, entries.get(i));
            if (!expected.equals(links.get(i))) {
                problems.add(
                        "entry "
                                + i
                                + " ("
                                + entries.get(i).key()
                                + "): link "
                                + links.get(i)
                                + " should be "
                                + expected);
            }
            previous = links.get(i);
        }
        return problems;
    }

    /** The entry for {@code key}, if listed. */
    public java.util.Optional<ManifestEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
