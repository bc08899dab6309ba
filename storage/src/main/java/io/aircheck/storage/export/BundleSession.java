package io.aircheck.storage.export;

import java.util.List;

/**
 * One room session in a bundle, tied to what the recorder wrote at the time: its manifest's path in
 * the bundle and chain head, what was wrong with that chain (empty = intact), and which files are
 * missing (listed by the recorder's manifest but not in the archive, or expected of every finished
 * session but not there).
 *
 * @param recorderManifest the recorder's manifest's path in the bundle, null when there is none
 * @param recorderHead the head of its hash chain, null when there is none
 */
public record BundleSession(
        String roomId,
        String sessionId,
        String recorderManifest,
        String recorderHead,
        List<String> recorderProblems,
        List<String> missing) {

    public BundleSession {
        recorderProblems = List.copyOf(recorderProblems);
        missing = List.copyOf(missing);
        if (recorderHead != null) {
            BundleFile.requireHex(recorderHead, "recorder head of " + roomId + "/" + sessionId);
        }
    }
}
