package io.aircheck.jobs.transcriber.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, by Levenshtein
 * alignment of lower-cased words without punctuation. Used by the tests and the benchmark.
 */
public final class WordErrorRate {
    private WordErrorRate() {}

    /** The words of {@code text} as compared: lower case, letters, digits and apostrophes only. */
    public static List<String> words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ").trim();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }

    /** Edit distance in words between the reference and the hypothesis. */
    public static int errors(List<String> reference, List<String> hypothesis) {
        int[] previous = new int[hypothesis.size() + 1];
        int[] current = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution =
                        previous[j - 1]
                                + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hypothesis.size()];
    }

    /** WER of {@code hypothesis} against {@code reference}, 0 to 1 (or above, for insertions). */
    public static double of(String reference, String hypothesis) {
        List<String> ref = words(reference);
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("empty reference");
        }
        return (double) errors(ref, words(hypothesis)) / ref.size();
    }
}
