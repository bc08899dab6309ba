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

    /**
     * The words heard after {@code contextUs} (a word belongs where its middle is), timed from
     * there: drops what the engine heard in the context it was given first.
     */
    public Recognition after(long contextUs) {
        if (contextUs <= 0) {
            return this;
        }
        return new Recognition(
                words.stream()
                        .filter(w -> (w.startUs() + w.endUs()) / 2 >= contextUs)
                        .map(
                                w ->
                                        new RecognizedWord(
                                                w.text(),
                                                Math.max(0, w.startUs() - contextUs),
                                                Math.max(0, w.endUs() - contextUs),
                                                w.confidence()))
                        .toList());
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
