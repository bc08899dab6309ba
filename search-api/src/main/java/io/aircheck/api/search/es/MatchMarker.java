package io.aircheck.api.search.es;

import io.aircheck.api.search.HighlightMarkup;
import io.aircheck.api.search.SearchText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Marks in a segment's text what a search's words and phrases match, the way the index matches
 * them: both sides analyzed by Lucene's {@link EnglishAnalyzer}, the analyzer the {@code text}
 * field is mapped with (Elasticsearch's {@code english} is that class). Every occurrence of a word
 * is marked; a phrase is marked as one span, from its first word to its last (stop words between
 * included), like the node's unified highlighter. Done here, from a hit's card, so that the node
 * neither reads each hit's stored source nor highlights it. Pure; thread-safe.
 */
final class MatchMarker {
    private static final Analyzer ENGLISH = new EnglishAnalyzer();

    /** A word of the text as analyzed: its term, position, and characters in the text. */
    record Token(String term, int position, int start, int end) {}

    /** A phrase's terms and their positions relative to its first. */
    record Phrase(List<String> terms, List<Integer> offsets) {}

    private final Set<String> words;
    private final List<Phrase> phrases;

    private MatchMarker(Set<String> words, List<Phrase> phrases) {
        this.words = words;
        this.phrases = phrases;
    }

    /** The marker for a search's words and phrases (excluded words are never marked). */
    static MatchMarker of(SearchText text) {
        Set<String> words = new HashSet<>();
        for (String word : text.words()) {
            tokens(word).forEach(t -> words.add(t.term()));
        }
        List<Phrase> phrases = new ArrayList<>();
        for (String phrase : text.phrases()) {
            List<Token> tokens = tokens(phrase);
            if (tokens.isEmpty()) {
                continue;
            }
            int first = tokens.get(0).position();
            phrases.add(
                    new Phrase(
                            tokens.stream().map(Token::term).toList(),
                            tokens.stream().map(t -> t.position() - first).toList()));
        }
        return new MatchMarker(Set.copyOf(words), List.copyOf(phrases));
    }

    /** Whether there is anything to mark. */
    boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }

    /**
     * The text with its matches between {@link HighlightMarkup#START} and {@link
     * HighlightMarkup#END}, or null when nothing in it matches.
     */
    String mark(String text) {
        if (text == null || text.isEmpty() || isEmpty()) {
            return null;
        }
        List<Token> tokens = tokens(text);
        List<int[]> spans = new ArrayList<>();
        for (Token t : tokens) {
            if (words.contains(t.term())) {
                spans.add(new int[] {t.start(), t.end()});
            }
        }
        for (Phrase phrase : phrases) {
            for (int i = 0; i < tokens.size(); i++) {
                int[] span = phraseAt(tokens, i, phrase);
                if (span != null) {
                    spans.add(span);
                }
            }
        }
        if (spans.isEmpty()) {
            return null;
        }
        spans.sort(
                (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        StringBuilder marked = new StringBuilder(text.length() + 2 * spans.size());
        int at = 0;
        int[] open = null;
        for (int[] span : spans) {
            if (open != null && span[0] < open[1]) {
                open[1] = Math.max(open[1], span[1]); // overlapping: one span
                continue;
            }
            if (open != null) {
                at = close(marked, text, at, open);
            }
            open = span.clone();
        }
        at = close(marked, text, at, open);
        return marked.append(text, at, text.length()).toString();
    }

    private static int close(StringBuilder marked, String text, int at, int[] span) {
        marked.append(text, at, span[0])
                .append(HighlightMarkup.START)
                .append(text, span[0], span[1])
                .append(HighlightMarkup.END);
        return span[1];
    }

    /** The span of the phrase when it starts at token {@code i}, else null. */
    private static int[] phraseAt(List<Token> tokens, int i, Phrase phrase) {
        Token first = tokens.get(i);
        if (!first.term().equals(phrase.terms().get(0))) {
            return null;
        }
        int end = first.end();
        for (int k = 1; k < phrase.terms().size(); k++) {
            int position = first.position() + phrase.offsets().get(k);
            String term = phrase.terms().get(k);
            Token found = null;
            for (int j = i + 1; j < tokens.size() && tokens.get(j).position() <= position; j++) {
                if (tokens.get(j).position() == position && tokens.get(j).term().equals(term)) {
                    found = tokens.get(j);
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            end = Math.max(end, found.end());
        }
        return new int[] {first.start(), end};
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = ENGLISH.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment =
                    stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(
                        new Token(
                                term.toString(),
                                position,
                                offset.startOffset(),
                                offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return tokens;
    }
}
