package io.aircheck.jobs.transcriber.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scripts of the test rooms: four speakers with different espeak-ng voices, taking turns and
 * sometimes talking over each other, with key phrases the tests search for.
 */
public final class TestRooms {
    private TestRooms() {}

    public static final double ROOM_SECONDS = 33.0;

    /**
     * The word error rate set: the four speakers of the room and four more with more words (8
     * voices, 189 words), spoken at {@code rate} into {@code work}.
     */
    public static List<SpokenTrack> werSet(int rate, Path work) throws Exception {
        return List.of(
                SpokenTrack.speak("alice", ALICE, ROOM_SECONDS, rate, work),
                SpokenTrack.speak("bob", BOB, ROOM_SECONDS, rate, work),
                SpokenTrack.speak("carol", CAROL, ROOM_SECONDS, rate, work),
                SpokenTrack.speak("dave", DAVE, ROOM_SECONDS, rate, work),
                SpokenTrack.speak("eve", EVE, MORE_SECONDS, rate, work),
                SpokenTrack.speak("frank", FRANK, MORE_SECONDS, rate, work),
                SpokenTrack.speak("grace", GRACE, MORE_SECONDS, rate, work),
                SpokenTrack.speak("henry", HENRY, MORE_SECONDS, rate, work));
    }

    /**
     * People talking without stopping: each of {@code talkers} (eight voices, then again faster)
     * says {@code lines} lines of the word error rate set one after the other, 0.35 s apart (a
     * breath between sentences), each starting at another line. Their speech runs past the cutter's
     * longest utterance, so it is split inside.
     */
    public static List<SpokenTrack> continuousTalk(int talkers, int lines, int rate, Path work)
            throws Exception {
        List<String> texts = new ArrayList<>();
        for (List<SpokenLine> speaker :
                List.of(ALICE, BOB, CAROL, DAVE, EVE, FRANK, GRACE, HENRY)) {
            speaker.forEach(l -> texts.add(l.text()));
        }
        String[] voices = {
            "en-us", "en+m3", "en+f3", "en-us+m1", "en-us+f2", "en+m2", "en+f4", "en-us+m3"
        };
        if (talkers < 1 || talkers > 16 || lines < 1 || lines > texts.size()) {
            throw new IllegalArgumentException("1-16 talkers, 1-" + texts.size() + " lines each");
        }
        List<SpokenTrack> tracks = new ArrayList<>();
        for (int p = 0; p < talkers; p++) {
            List<String> rotated = new ArrayList<>(texts);
            Collections.rotate(rotated, -p * texts.size() / talkers);
            tracks.add(
                    SpokenTrack.continuous(
                            "talker" + p,
                            rotated.subList(0, lines),
                            voices[p % voices.length],
                            150 + 5 * (p % 4) + 10 * (p / voices.length),
                            0.5 + 0.7 * p,
                            0.35,
                            rate,
                            work));
        }
        return tracks;
    }

    public static final List<SpokenLine> ALICE =
            List.of(
                    new SpokenLine(
                            "The quarterly budget review starts on Monday.", "en-us", 150, 0.5),
                    new SpokenLine(
                            "We should discuss the marketing plan before lunch.",
                            "en-us",
                            150,
                            11.0),
                    new SpokenLine(
                            "Please send the report to the whole team by Friday.",
                            "en-us",
                            150,
                            22.0));

    public static final List<SpokenLine> BOB =
            List.of(
                    new SpokenLine(
                            "Solar panels on the roof produce more energy in the summer.",
                            "en+m3",
                            155,
                            4.0),
                    new SpokenLine("The battery keeps the lights on at night.", "en+m3", 155, 15.5),
                    new SpokenLine(
                            "We need more storage for the new data center.", "en+m3", 155, 25.5));

    public static final List<SpokenLine> CAROL =
            List.of(
                    new SpokenLine(
                            "My favorite city is Barcelona because of the architecture.",
                            "en+f3",
                            145,
                            7.5),
                    new SpokenLine("I would like a cup of coffee please.", "en+f3", 145, 18.5),
                    new SpokenLine(
                            "The museum opens at nine and closes at five.", "en+f3", 145, 29.0));

    public static final List<SpokenLine> DAVE =
            List.of(
                    new SpokenLine(
                            "The train to Boston leaves at seven in the morning.",
                            "en-us+m1",
                            160,
                            13.5),
                    new SpokenLine(
                            "Remember to bring your umbrella tomorrow.", "en-us+m1", 160, 26.5));

    /**
     * More speakers, for measuring word error rate over enough words that one word more or less
     * does not decide the comparison (each track is transcribed on its own).
     */
    public static final double MORE_SECONDS = 36.0;

    public static final List<SpokenLine> EVE =
            List.of(
                    new SpokenLine(
                            "The library closes early on Sunday afternoon.", "en-us+f2", 150, 0.5),
                    new SpokenLine(
                            "Our new project starts with a short meeting.", "en-us+f2", 150, 12.0),
                    new SpokenLine(
                            "Please call me when you arrive at the station.",
                            "en-us+f2",
                            150,
                            24.0));

    public static final List<SpokenLine> FRANK =
            List.of(
                    new SpokenLine(
                            "The weather will be cold and windy this weekend.", "en+m2", 150, 4.0),
                    new SpokenLine("I forgot my keys in the car this morning.", "en+m2", 150, 16.0),
                    new SpokenLine(
                            "We can finish the design review next week.", "en+m2", 150, 28.0));

    public static final List<SpokenLine> GRACE =
            List.of(
                    new SpokenLine("The children played football in the park.", "en+f4", 145, 8.0),
                    new SpokenLine("She reads a new book every month.", "en+f4", 145, 20.0),
                    new SpokenLine(
                            "The restaurant serves fresh fish on Friday.", "en+f4", 145, 31.5));

    public static final List<SpokenLine> HENRY =
            List.of(
                    new SpokenLine("Turn left at the second traffic light.", "en-us+m3", 155, 2.0),
                    new SpokenLine(
                            "The doctor will see you in ten minutes.", "en-us+m3", 155, 14.0),
                    new SpokenLine(
                            "Our team won the match by three points.", "en-us+m3", 155, 26.0));
}
