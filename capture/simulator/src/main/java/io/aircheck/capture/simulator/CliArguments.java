package io.aircheck.capture.simulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The simulator's command line, parsed and checked; bad input throws {@link UsageException}. */
record CliArguments(URI gateway, String token, RoomScript script, RoomSimulator.Options options) {

    static final String USAGE =
            """
            usage: room-simulator --speaker ID=FILE[@OFFSET_S] [--speaker ...] [options]
              --gateway URL      capture gateway (default http://127.0.0.1:8090)
              --token SECRET     ingest credential (default aircheck-dev-ingest)
              --room ID          room id (default demo-room)
              --title TEXT       room title (default "Simulated room")
              --host ID          host participant id (default: the first speaker)
              --speaker ID=FILE[@OFFSET_S]
                                 a speaker playing FILE (any format FFmpeg reads) from OFFSET_S
                                 seconds after the lead-in (default 0)
              --speed X          pace: 1 = real time (default), 20 = twenty times faster
              --codec pcm|opus   wire codec (default pcm)
              --lead-in S        seconds between the room opening and offset 0 (default 0.5)
              --tail S           seconds between the last speaker leaving and the close (default 1.5)
            """;

    /** Bad arguments: the message says which, the caller prints it with the usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CliArguments parse(String[] args) throws UsageException {
        URI gateway = URI.create("http://127.0.0.1:8090");
        String token = "aircheck-dev-ingest";
        String room = "demo-room";
        String title = "Simulated room";
        String host = null;
        double speed = 1.0;
        FrameCodec codec = FrameCodec.PCM;
        double leadIn = 0.5;
        double tail = 1.5;
        List<String> speakerSpecs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException("");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--gateway" -> gateway = gatewayUri(value);
                    case "--token" -> token = value;
                    case "--room" -> room = value;
                    case "--title" -> title = value;
                    case "--host" -> host = value;
                    case "--speaker" -> speakerSpecs.add(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    case "--codec" -> codec = FrameCodec.parse(value);
                    case "--lead-in" -> leadIn = seconds(value);
                    case "--tail" -> tail = seconds(value);
                    default -> throw new UsageException("unknown option " + flag);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + " " + value + ": " + e.getMessage());
            }
        }
        if (speakerSpecs.isEmpty()) {
            throw new UsageException("at least one --speaker is required");
        }
        long leadInUs = Math.max(RoomScript.SETUP_US, Math.round(leadIn * 1e6));
        List<RoomScript.Speaker> speakers = new ArrayList<>();
        for (String spec : speakerSpecs) {
            speakers.add(speaker(spec, leadInUs));
        }
        try {
            RoomScript script =
                    new RoomScript(
                            room,
                            title,
                            host == null ? speakers.get(0).participantId() : host,
                            speakers,
                            Math.round(tail * 1e6));
            return new CliArguments(
                    gateway,
                    token,
                    script,
                    RoomSimulator.Options.defaults().withSpeed(speed).withCodec(codec));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code alice=talk.wav@2.5}: alice plays talk.wav from 2.5 s after the lead-in. */
    static RoomScript.Speaker speaker(String spec, long leadInUs) throws UsageException {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--speaker " + spec + ": expected ID=FILE[@OFFSET_S]");
        }
        String id = spec.substring(0, eq);
        String file = spec.substring(eq + 1);
        double offset = 0;
        int at = file.lastIndexOf('@');
        if (at > 0) {
            try {
                offset = seconds(file.substring(at + 1));
                file = file.substring(0, at);
            } catch (IllegalArgumentException e) {
                // an @ that belongs to the file name
            }
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new UsageException("--speaker " + spec + ": cannot read " + path);
        }
        try {
            return new RoomScript.Speaker(id, id, path, leadInUs + Math.round(offset * 1e6));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speaker " + spec + ": " + e.getMessage());
        }
    }

    private static double seconds(String text) {
        double value = Double.parseDouble(text);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be seconds >= 0");
        }
        return value;
    }

    private static URI gatewayUri(String text) {
        URI uri = URI.create(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
    }
}
