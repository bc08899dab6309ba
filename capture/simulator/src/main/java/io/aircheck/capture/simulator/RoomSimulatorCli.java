package io.aircheck.capture.simulator;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code room-simulator}: plays one room through a capture gateway and prints what it sent. */
public final class RoomSimulatorCli {
    private RoomSimulatorCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the exit code: 0 done, 1 the simulation failed, 2 bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("room-simulator: " + e.getMessage());
            }
            err.print(CliArguments.USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        try {
            if (arguments.scenario() == null && arguments.source() == Source.WS) {
                SimulatedRoom room =
                        new RoomSimulator(
                                        arguments.gateway(), arguments.token(), arguments.options())
                                .run(arguments.script());
                out.println(describe(room));
                return 0;
            }
            return play(arguments, out, err);
        } catch (SimulationException e) {
            err.println("room-simulator: " + e.getMessage());
            return 1;
        }
    }

    /** Generated rooms, or a scripted room through a gateway-stamped source. */
    private static int play(CliArguments arguments, PrintStream out, PrintStream err) {
        ClipLibrary clips = ClipLibrary.load(arguments.clips());
        List<RoomPlan> plans;
        if (arguments.scenario() != null) {
            plans = ScenarioGenerator.generate(arguments.scenario(), clips.frameCounts());
        } else {
            Map<String, Integer> frames = new LinkedHashMap<>();
            List<RoomScript.Speaker> speakers = arguments.script().speakers();
            for (int i = 0; i < speakers.size(); i++) {
                frames.put(speakers.get(i).participantId(), clips.clip(i).frames());
            }
            plans = List.of(arguments.script().plan(frames));
        }
        long frames = plans.stream().mapToLong(RoomPlan::frames).sum();
        out.printf(
                Locale.ROOT,
                "playing %d room(s), %d frames of speech, through %s%n",
                plans.size(),
                frames,
                arguments.source().name().toLowerCase(Locale.ROOT));
        ScenarioPlayer.Result result =
                new ScenarioPlayer(
                                arguments.gateway(),
                                arguments.token(),
                                clips,
                                arguments.source(),
                                arguments.options(),
                                ScenarioPlayer.SendListener.NONE,
                                2)
                        .play(plans);
        result.sessions()
                .forEach(
                        (room, session) ->
                                out.println("room      " + room + " session " + session));
        out.printf(
                Locale.ROOT,
                "sent      %d frames, %d events%n",
                result.framesSent(),
                result.eventsPosted());
        for (String failure : result.failures()) {
            err.println("room-simulator: " + failure);
        }
        return result.succeeded() ? 0 : 1;
    }

    static String describe(SimulatedRoom room) {
        StringBuilder text =
                new StringBuilder()
                        .append("room      ")
                        .append(room.roomId())
                        .append('\n')
                        .append("session   ")
                        .append(room.sessionId())
                        .append('\n')
                        .append("start     ")
                        .append(instant(room.startUs()))
                        .append('\n')
                        .append("end       ")
                        .append(instant(room.endUs()))
                        .append('\n')
                        .append("duration  ")
                        .append(String.format(Locale.ROOT, "%.3f s", room.durationUs() / 1e6))
                        .append('\n');
        for (SimulatedRoom.SpeakerTrack track : room.speakers()) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "speaker   %s from %.3f s, %d frames (%.3f s)%n",
                            track.participantId(),
                            track.offsetUs() / 1e6,
                            track.frames(),
                            track.frames() * RoomScript.FRAME_US / 1e6));
        }
        return text.toString();
    }

    private static Instant instant(long us) {
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }
}
