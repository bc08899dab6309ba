package io.aircheck.capture.simulator;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

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
            SimulatedRoom room =
                    new RoomSimulator(arguments.gateway(), arguments.token(), arguments.options())
                            .run(arguments.script());
            out.println(describe(room));
            return 0;
        } catch (SimulationException e) {
            err.println("room-simulator: " + e.getMessage());
            return 1;
        }
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
