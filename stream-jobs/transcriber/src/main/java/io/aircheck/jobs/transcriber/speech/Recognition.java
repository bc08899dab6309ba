package io.aircheck.jobs.transcriber.speech;

import java.util.List;
import java.util.stream.Collectors;

/** What an engine heard in one utterance: its words in order (none for noise or silence). */
public record Recognition(List<RecognizedWord> words) {
    public Recognition {
        words = List.copyOf(words);
    }

    public static final Recognition NOTHING = new Recognition(List.of());

    public String text() {
        return words.stream().map(RecognizedWord::text).collect(Collectors.joining(" "));
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
