package io.aircheck.api.bench;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.storage.RoomDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated transcript text for the load benchmark: a vocabulary of common English words and
 * invented rarer ones, drawn with a Zipf-like skew so that some words are in most segments and
 * others in a handful, as in speech. Deterministic for a seed.
 */
final class SegmentGenerator {
    static final String[] COMMON =
            ("the a and to of in that is it we you this for on be with not have are was they so but what about "
                            + "people think know going just like really right now time well because would there one some "
                            + "question point water city plan money year school energy budget council harbour river market "
                            + "health transport housing climate policy report meeting vote tax bridge road park library "
                            + "storm flood tide pier lighthouse keeper museum festival music football election mayor")
                    .split(" ");
    private static final String SYLLABLES = "ka lo mi ra te su no vi de ba zo re fi ta gu";

    private final Random random;
    private final String[] vocabulary;

    SegmentGenerator(long seed, int rareWords) {
        this.random = new Random(seed);
        String[] syllables = SYLLABLES.split(" ");
        vocabulary = new String[COMMON.length + rareWords];
        System.arraycopy(COMMON, 0, vocabulary, 0, COMMON.length);
        Random names = new Random(seed + 1);
        for (int i = 0; i < rareWords; i++) {
            StringBuilder w = new StringBuilder();
            int n = 2 + names.nextInt(3);
            for (int s = 0; s < n; s++) {
                w.append(syllables[names.nextInt(syllables.length)]);
            }
            vocabulary[COMMON.length + i] = w.toString();
        }
    }

    /** A word with a Zipf-like rank distribution. */
    String word() {
        double u = random.nextDouble();
        int rank = (int) Math.floor(Math.pow(vocabulary.length, u)) - 1;
        return vocabulary[Math.max(0, Math.min(vocabulary.length - 1, rank))];
    }

    Random random() {
        return random;
    }

    /** The segments of one room session: one every ~4 s, speakers taking turns. */
    List<Segment> session(RoomDocument room, int count) {
        List<Segment> segments = new ArrayList<>(count);
        long t = room.startedAt().toEpochMilli();
        for (int i = 0; i < count; i++) {
            int length = 6 + random.nextInt(18);
            long duration = length * 330L;
            StringBuilder text = new StringBuilder();
            List<Word> words = new ArrayList<>(length);
            for (int w = 0; w < length; w++) {
                String word = word();
                if (w > 0) {
                    text.append(' ');
                }
                text.append(word);
                words.add(
                        new Word(
                                word,
                                t + w * 330L,
                                t + (w + 1) * 330L,
                                0.6 + random.nextDouble() * 0.4));
            }
            RoomDocument.Speaker speaker =
                    room.speakers().get(random.nextInt(room.speakers().size()));
            segments.add(
                    new Segment(
                            room.roomId() + "-" + room.sessionId() + "-" + i,
                            room.roomId(),
                            room.sessionId(),
                            speaker.participantId(),
                            speaker.displayName(),
                            t,
                            t + duration,
                            text.toString(),
                            words,
                            room.visibility(),
                            random.nextInt(20) != 0,
                            room.title()));
            t += duration + 200 + random.nextInt(800);
        }
        return segments;
    }

    RoomDocument room(int index, Instant start, int segments) {
        String[] visibilities = {"PUBLIC", "PUBLIC", "PUBLIC", "UNLISTED", "PRIVATE"};
        List<RoomDocument.Speaker> speakers = new ArrayList<>();
        int n = 2 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
            speakers.add(
                    new RoomDocument.Speaker(
                            "p" + random.nextInt(5_000), "Speaker " + random.nextInt(5_000)));
        }
        long duration = segments * 4_500L;
        boolean live = index % 250 == 0;
        return new RoomDocument(
                "room-" + index,
                "s" + (index % 7),
                word() + " " + word() + " talk",
                speakers.get(0).participantId(),
                visibilities[index % visibilities.length],
                speakers,
                start,
                live ? null : start.plusMillis(duration),
                duration,
                live,
                random.nextInt(3_000),
                start);
    }
}
