package io.aircheck.jobs.transcriber;

import io.aircheck.jobs.transcriber.speech.Recognition;
import io.aircheck.jobs.transcriber.speech.RecognizedWord;
import io.aircheck.jobs.transcriber.speech.SpeechRecognizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for a speech engine: one word per loud 100 ms block of the audio it is
 * given, named after a checksum of the block's samples. So the words say exactly which audio the
 * engine heard, and where.
 */
final class FakeEngine implements SpeechRecognizer {
    static final Factory FACTORY = FakeEngine::new;

    @Override
    public Recognition recognize(short[] pcm) {
        List<RecognizedWord> words = new ArrayList<>();
        int block = 1600;
        for (int at = 0; at + block <= pcm.length; at += block) {
            long sum = 0;
            long checksum = 17;
            for (int i = at; i < at + block; i++) {
                sum += Math.abs(pcm[i]);
                checksum = checksum * 31 + pcm[i];
            }
            if (sum / block > 500) {
                words.add(
                        new RecognizedWord(
                                "w" + Long.toHexString(checksum & 0xffffff),
                                at * 1_000_000L / SAMPLE_RATE,
                                (at + block) * 1_000_000L / SAMPLE_RATE,
                                0.9));
            }
        }
        return new Recognition(words);
    }

    @Override
    public String engine() {
        return "fake";
    }

    @Override
    public String language() {
        return "en-US";
    }
}
