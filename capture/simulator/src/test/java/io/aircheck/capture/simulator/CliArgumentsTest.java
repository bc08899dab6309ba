package io.aircheck.capture.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArgumentsTest {
    @TempDir Path dir;

    @Test
    void speakersOffsetsAreCountedFromTheLeadIn() throws Exception {
        Path wav = Files.writeString(dir.resolve("a.wav"), "x");
        CliArguments args =
                CliArguments.parse(
                        new String[] {
                            "--gateway",
                            "http://127.0.0.1:9000",
                            "--room",
                            "r1",
                            "--speaker",
                            "alice=" + wav,
                            "--speaker",
                            "bob=" + wav + "@2.5",
                            "--speed",
                            "4",
                            "--codec",
                            "opus",
                            "--tail",
                            "1"
                        });
        assertThat(args.gateway().toString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(args.script().roomId()).isEqualTo("r1");
        assertThat(args.script().hostId()).isEqualTo("alice");
        assertThat(args.script().speakers())
                .extracting(RoomScript.Speaker::offsetUs)
                .containsExactly(500_000L, 3_000_000L);
        assertThat(args.script().tailUs()).isEqualTo(1_000_000L);
        assertThat(args.options().speed()).isEqualTo(4.0);
        assertThat(args.options().codec()).isEqualTo(FrameCodec.OPUS);
    }

    @Test
    void badArgumentsPrintTheUsageAndExitWith2() throws IOException {
        Path wav = Files.writeString(dir.resolve("a.wav"), "x");
        assertThat(exit("--speaker", "alice=" + dir.resolve("missing.wav"))).isEqualTo(2);
        assertThat(exit()).isEqualTo(2);
        assertThat(exit("--speaker", "alice=" + wav, "--speed", "0")).isEqualTo(2);
        assertThat(exit("--speaker", "alice=" + wav, "--codec", "mp3")).isEqualTo(2);
        assertThat(exit("--speaker", "alice=" + wav, "--frobnicate", "1")).isEqualTo(2);
        assertThat(exit("--speaker", "not valid=" + wav)).isEqualTo(2);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RoomSimulatorCli.run(
                new String[] {"--speed", "fast", "--speaker", "alice=" + wav},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("room-simulator: --speed fast")
                .contains("usage: room-simulator");
    }

    @Test
    void generatedRoomsTakeClipsAndASource() throws Exception {
        Path wav = Files.writeString(dir.resolve("a.wav"), "x");
        CliArguments args =
                CliArguments.parse(
                        new String[] {
                            "--rooms",
                            "20",
                            "--speakers",
                            "4",
                            "--listeners",
                            "10",
                            "--duration",
                            "90",
                            "--continuous",
                            "--clip",
                            wav.toString(),
                            "--clip",
                            wav.toString(),
                            "--source",
                            "rtp",
                            "--seed",
                            "7"
                        });
        assertThat(args.source()).isEqualTo(Source.RTP);
        assertThat(args.scenario())
                .isEqualTo(new ScenarioGenerator.Settings(20, 4, 10, 90_000_000, true, 7, "sim"));
        assertThat(args.clips()).hasSize(2);
        assertThat(args.script()).isNull();
        assertThat(
                        exit(
                                "--rooms",
                                "2",
                                "--clip",
                                wav.toString(),
                                "--source",
                                "rtp",
                                "--speed",
                                "4"))
                .isEqualTo(2);
        assertThat(exit("--rooms", "2", "--speaker", "a=" + wav)).isEqualTo(2);
        assertThat(exit("--rooms", "2", "--clip", wav.toString(), "--source", "sip")).isEqualTo(2);
        assertThat(exit("--rooms", "0", "--clip", wav.toString())).isEqualTo(2);
    }

    int exit(String... args) {
        return RoomSimulatorCli.run(
                args,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}
