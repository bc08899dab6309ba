package io.aircheck.capture.simulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's command line, parsed and checked; bad input throws {@link UsageException}. Two
 * modes: a scripted room ({@code --speaker}), or generated rooms ({@code --rooms} with {@code
 * --clip}s); either plays through any {@link Source}.
 */
record CliArguments(
        URI gateway,
        String token,
        RoomScript script,
        RoomSimulator.Options options,
        Source source,
        ScenarioGenerator.Settings scenario,
        List<Path> clips) {

    static final String USAGE =
            """
            usage: room-simulator --speaker ID=FILE[@OFFSET_S] [--speaker ...] [options]
                   room-simulator --rooms N --speakers M --clip FILE [--clip ...] [options]
              --gateway URL      capture gateway (default http://127.0.0.1:8090)
              --token SECRET     ingest credential (default aircheck-dev-ingest)
              --source S         ws (protobuf frames, default), pcm (raw PCM socket) or rtp (RTP/Opus over UDP)
              --speed X          pace of the ws source: 1 = real time (default), 20 = twenty times faster
              --codec pcm|opus   wire codec of the ws source (default pcm)
            a scripted room:
              --room ID          room id (default demo-room)
              --title TEXT       room title (default "Simulated room")
              --host ID          host participant id (default: the first speaker)
              --speaker ID=FILE[@OFFSET_S]
                                 a speaker playing FILE (any format FFmpeg reads) from OFFSET_S
                                 seconds after the lead-in (default 0)
              --lead-in S        seconds between the room opening and offset 0 (default 0.5)
              --tail S           seconds between the last speaker leaving and the close (default 1.5)
            generated rooms (hosts, promotions, turns, hands, listeners coming and going, a demotion):
              --rooms N          how many rooms at once
              --speakers M       speakers per room (default 3)
              --listeners L      listeners per room (default 5)
              --duration S       seconds each room lasts (default 60)
              --continuous       every speaker talks all the time (load), instead of taking turns
              --clip FILE        audio the speakers say (repeat for more; clips loop)
              --seed N           the scenario's seed (default 1)
              --room-prefix P    rooms are P-1, P-2, ... (default sim)
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
        Source source = Source.WS;
        double leadIn = 0.5;
        double tail = 1.5;
        Integer rooms = null;
        int speakers = 3;
        int listeners = 5;
        double duration = 60;
        boolean continuous = false;
        long seed = 1;
        String prefix = "sim";
        List<String> speakerSpecs = new ArrayList<>();
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException("");
            }
            if (flag.equals("--continuous")) {
                continuous = true;
                continue;
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
                    case "--source" -> source = Source.parse(value);
                    case "--lead-in" -> leadIn = seconds(value);
                    case "--tail" -> tail = seconds(value);
                    case "--rooms" -> rooms = count(value, 1);
                    case "--speakers" -> speakers = count(value, 1);
                    case "--listeners" -> listeners = count(value, 0);
                    case "--duration" -> duration = seconds(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--room-prefix" -> prefix = value;
                    case "--clip" -> clips.add(readable(value));
                    default -> throw new UsageException("unknown option " + flag);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + " " + value + ": " + e.getMessage());
            }
        }
        RoomSimulator.Options options;
        try {
            options = RoomSimulator.Options.defaults().withSpeed(speed).withCodec(codec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed " + speed + ": " + e.getMessage());
        }
        if (source.gatewayStamped() && speed != 1.0) {
            throw new UsageException(
                    "--speed applies to --source ws only: pcm and rtp are real-time media the gateway stamps");
        }
        if (rooms != null) {
            if (!speakerSpecs.isEmpty() || clips.isEmpty()) {
                throw new UsageException("generated rooms take --clip files, not --speaker");
            }
            try {
                var settings =
                        new ScenarioGenerator.Settings(
                                rooms,
                                speakers,
                                listeners,
                                Math.round(duration * 1e6),
                                continuous,
                                seed,
                                prefix);
                return new CliArguments(
                        gateway, token, null, options, source, settings, List.copyOf(clips));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (speakerSpecs.isEmpty()) {
            throw new UsageException("at least one --speaker is required (or --rooms with --clip)");
        }
        long leadInUs = Math.max(RoomScript.SETUP_US, Math.round(leadIn * 1e6));
        List<RoomScript.Speaker> scripted = new ArrayList<>();
        for (String spec : speakerSpecs) {
            scripted.add(speaker(spec, leadInUs));
        }
        try {
            RoomScript script =
                    new RoomScript(
                            room,
                            title,
                            host == null ? scripted.get(0).participantId() : host,
                            scripted,
                            Math.round(tail * 1e6));
            return new CliArguments(
                    gateway,
                    token,
                    script,
                    options,
                    source,
                    null,
                    scripted.stream().map(RoomScript.Speaker::audioFile).toList());
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

    private static Path readable(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("cannot read " + path);
        }
        return path;
    }

    private static int count(String text, int min) {
        int value = Integer.parseInt(text);
        if (value < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return value;
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
