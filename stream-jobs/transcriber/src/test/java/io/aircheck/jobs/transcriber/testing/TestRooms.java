package io.aircheck.jobs.transcriber.testing;

import java.util.List;

/**
 * The scripts of the test rooms: four speakers with different espeak-ng voices, taking turns and
 * sometimes talking over each other, with key phrases the tests search for.
 */
public final class TestRooms {
    private TestRooms() {}

    public static final double ROOM_SECONDS = 33.0;

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
}
