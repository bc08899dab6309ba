package io.aircheck.jobs.transcriber.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import io.aircheck.jobs.transcriber.testing.SpokenLine;
import io.aircheck.jobs.transcriber.testing.SpokenTrack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine reused from utterance to utterance (as every operator uses it) hears each
 * utterance exactly as a fresh recognizer does: same words, times to the microsecond, confidences,
 * whatever came before. That is what lets a restored job (a fresh recognizer) write the same
 * segments as the uninterrupted one.
 */
class VoskSpeechRecognizerITCase {
    private static final SpeechRecognizer.Factory VOSK = VoskSpeechRecognizer.factory(null);

    @TempDir static Path work;
    private static List<short[]> utterances;

    @BeforeAll
    static void speak() throws Exception {
        utterances = new ArrayList<>();
        String[][] lines = {
            {"The quarterly budget review starts on Monday.", "en-us"},
            {"Solar panels on the roof produce more energy in the summer.", "en+m3"},
            {"I would like a cup of coffee please.", "en+f3"}
        };
        for (int i = 0; i < lines.length; i++) {
            // lengths that are not multiples of 1/8 s, so rounds need aligning
            double seconds = 4.5 + i * 0.0371;
            utterances.add(
                    SpokenTrack.speak(
                                    "u" + i,
                                    List.of(new SpokenLine(lines[i][0], lines[i][1], 150, 0.5)),
                                    seconds,
                                    SpeechRecognizer.SAMPLE_RATE,
                                    work)
                            .pcm());
        }
    }

    @Test
    void aReusedRecognizerHearsEveryUtteranceExactlyAsAFreshOne() throws Exception {
        List<Recognition> fresh = new ArrayList<>();
        for (short[] pcm : utterances) {
            try (SpeechRecognizer recognizer = VOSK.open()) {
                fresh.add(recognizer.recognize(pcm));
            }
        }
        assertThat(fresh.get(0).text()).contains("monday");
        assertThat(fresh.get(2).text()).contains("coffee");
        assertThat(fresh.get(0).words().get(0).startUs()).isBetween(400_000L, 800_000L);

        try (SpeechRecognizer reused = VOSK.open()) {
            for (int i : new int[] {0, 1, 2, 0, 2, 1, 1, 0}) {
                assertThat(reused.recognize(utterances.get(i)))
                        .as("utterance %d after others", i)
                        .isEqualTo(fresh.get(i));
            }
        }
    }
}
