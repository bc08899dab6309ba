package io.aircheck.api.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a search box holds, parsed: words (all must match, stemmed), "quoted phrases" (matched as
 * phrases) and -excluded words. Pure. {@link #parse} throws IllegalArgumentException with a message
 * that says what to fix.
 */
public record SearchText(List<String> words, List<String> phrases, List<String> excluded) {
    public static final int MAX_LENGTH = 500;
    public static final int MAX_TERMS = 32;
    public static final SearchText EMPTY = new SearchText(List.of(), List.of(), List.of());

    public SearchText {
        words = List.copyOf(words);
        phrases = List.copyOf(phrases);
        excluded = List.copyOf(excluded);
    }

    /** Whether there is nothing to match (a browse by filters only). */
    public boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }

    public static SearchText parse(String q) {
        if (q == null || q.isBlank()) {
            return EMPTY;
        }
        if (q.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "q is "
                            + q.length()
                            + " characters long; at most "
                            + MAX_LENGTH
                            + " are allowed");
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int close = q.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "q has an opening quote at position "
                                    + (i + 1)
                                    + " that is never closed; close the phrase with \" or remove the quote");
                }
                String phrase = q.substring(i + 1, close).trim().replaceAll("\\s+", " ");
                if (phrase.isEmpty()) {
                    throw new IllegalArgumentException(
                            "q has an empty phrase \"\"; put words between the quotes");
                }
                phrases.add(phrase);
                i = close + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(q.charAt(end)) && q.charAt(end) != '"') {
                    end++;
                }
                String word = q.substring(i, end);
                if (word.startsWith("-")) {
                    if (word.length() == 1) {
                        throw new IllegalArgumentException(
                                "q has a lone '-'; write -word to exclude a word");
                    }
                    excluded.add(word.substring(1));
                } else {
                    words.add(word);
                }
                i = end;
            }
        }
        if (words.size() + phrases.size() + excluded.size() > MAX_TERMS) {
            throw new IllegalArgumentException(
                    "q has more than " + MAX_TERMS + " words and phrases; shorten it");
        }
        if (words.isEmpty() && phrases.isEmpty() && !excluded.isEmpty()) {
            throw new IllegalArgumentException(
                    "q only excludes words; add a word or a \"phrase\" to look for");
        }
        return new SearchText(words, phrases, excluded);
    }
}
