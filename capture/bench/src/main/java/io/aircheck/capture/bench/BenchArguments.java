package io.aircheck.capture.bench;

import io.aircheck.capture.simulator.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's command line. */
record BenchArguments(
        Source source,
        List<Integer> steps,
        int perRoom,
        int seconds,
        int warmup,
        long p99BoundMs,
        int partitions,
        List<Path> clips,
        boolean stopAtFirstMiss,
        int jitWarmupSpeakers) {

    static final String USAGE =
            """
            usage: CaptureBenchmark [--source rtp|ws|pcm] [--steps 500,1000,1500,...] [--per-room 5]
                                    [--seconds 15] [--warmup 5] [--p99-ms 200] [--partitions 4]
                                    [--clip FILE ...] [--all-steps] [--jit-warmup SPEAKERS (500; 0: none)]
            """;

    static BenchArguments parse(String[] args) {
        Source source = Source.RTP;
        List<Integer> steps = List.of(250, 500, 1000, 1500, 2000, 2500, 3000);
        int perRoom = 5;
        int seconds = 15;
        int warmup = 5;
        long p99 = 200;
        int partitions = 4;
        boolean stop = true;
        int jit = 500;
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--all-steps")) {
                stop = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (flag) {
                case "--source" -> source = Source.parse(v);
                case "--steps" ->
                        steps =
                                java.util.Arrays.stream(v.split(","))
                                        .map(s -> Integer.parseInt(s.trim()))
                                        .toList();
                case "--per-room" -> perRoom = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--p99-ms" -> p99 = Long.parseLong(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--clip" -> clips.add(Path.of(v));
                case "--jit-warmup" -> jit = Integer.parseInt(v);
                default ->
                        throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new BenchArguments(
                source, steps, perRoom, seconds, warmup, p99, partitions, clips, stop, jit);
    }
}
