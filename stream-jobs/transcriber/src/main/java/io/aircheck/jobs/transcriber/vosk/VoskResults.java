package io.aircheck.jobs.transcriber.vosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.jobs.transcriber.speech.RecognitionException;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Vosk's JSON results ({@code setWords(true)}): {@code {"result": [{"conf": 0.98, "start":
 * 0.84, "end": 1.11, "word": "one"}, ...], "text": "one ..."}}; {@code {"text": ""}} when nothing
 * was heard.
 */
final class VoskResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VoskResults() {}

    /**
     * The words of one result, timed from {@code roundStartSeconds}: a recognizer that is reused
     * times its words from the first sample it was ever fed, so a round that started later is
     * shifted back by where it started (exactly, as long as that start is a multiple of 1/8 s, see
     * {@link VoskSpeechRecognizer}).
     */
    static List<RecognizedWord> words(String json, double roundStartSeconds)
            throws RecognitionException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new RecognitionException(
                    "Vosk answered with something that is not JSON: " + json, e);
        }
        List<RecognizedWord> words = new ArrayList<>();
        JsonNode result = root == null ? null : root.get("result");
        if (result == null || !result.isArray()) {
            return words;
        }
        for (JsonNode w : result) {
            String text = w.path("word").asText("").trim();
            if (text.isEmpty() || "<unk>".equals(text) || "[unk]".equals(text)) {
                continue;
            }
            long start =
                    Math.max(0, Math.round((w.path("start").asDouble() - roundStartSeconds) * 1e6));
            long end =
                    Math.max(
                            start,
                            Math.round((w.path("end").asDouble() - roundStartSeconds) * 1e6));
            double conf = Math.max(0, Math.min(1, w.path("conf").asDouble(1.0)));
            words.add(new RecognizedWord(text, start, end, conf));
        }
        return words;
    }
}
