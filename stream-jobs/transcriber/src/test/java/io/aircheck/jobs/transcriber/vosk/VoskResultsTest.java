package io.aircheck.jobs.transcriber.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.jobs.transcriber.speech.RecognitionException;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoskResultsTest {
    @Test
    void readsWordsTimesAndConfidences() throws Exception {
        String json =
                "{\"result\": [{\"conf\": 1.0, \"end\": 0.75, \"start\": 0.15, \"word\": \"quarterly\"},"
                        + " {\"conf\": 0.552, \"end\": 2.07, \"start\": 1.56, \"word\": \"starts\"}],"
                        + " \"text\": \"quarterly starts\"}";
        List<RecognizedWord> words = VoskResults.words(json, 0);
        assertThat(words)
                .containsExactly(
                        new RecognizedWord("quarterly", 150_000, 750_000, 1.0),
                        new RecognizedWord("starts", 1_560_000, 2_070_000, 0.552));
    }

    @Test
    void aReusedRecognizersWordsAreTimedFromTheStartOfTheirRound() throws Exception {
        // a recognizer fed 3,600.125 s before this round prints times from its first sample,
        // with six decimals
        String json =
                "{\"result\": [{\"conf\": 0.9, \"end\": 3600.875000, \"start\": 3600.695000,"
                        + " \"word\": \"budget\"}], \"text\": \"budget\"}";
        assertThat(VoskResults.words(json, 3600.125))
                .containsExactly(new RecognizedWord("budget", 570_000, 750_000, 0.9));
    }

    @Test
    void nothingHeardIsNoWords() throws Exception {
        assertThat(VoskResults.words("{\"text\": \"\"}", 0.0)).isEmpty();
        assertThat(
                        VoskResults.words(
                                "{\"result\":[{\"conf\":0.3,\"end\":1,\"start\":0.5,\"word\":\"[unk]\"}],\"text\":\"[unk]\"}",
                                0))
                .isEmpty();
    }

    @Test
    void notJsonIsAnError() {
        assertThatThrownBy(() -> VoskResults.words("<html>", 0))
                .isInstanceOf(RecognitionException.class)
                .hasMessageContaining("not JSON");
    }
}
