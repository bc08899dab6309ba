package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader accepts ordinary files made by other tools (the simulator's inputs). */
class OtherToolsFilesTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "ogg", "m4a", "flac", "opus", "wav"})
    void readsFilesTheFfmpegCliWrites(String extension) throws Exception {
        Path wav = dir.resolve("espeak.wav");
        Path file = dir.resolve("speech." + extension);
        Ffprobe.run(
                List.of(
                        "espeak-ng",
                        "-w",
                        wav.toString(),
                        "Hello from another tool, in many formats."));
        Ffprobe.run(
                List.of(
                        "ffmpeg",
                        "-v",
                        "error",
                        "-y",
                        "-i",
                        wav.toString(),
                        "-ac",
                        "2",
                        file.toString()));
        double probed = Ffprobe.probe(file).durationSeconds();
        long cliFrames = Ffprobe.decodedFrames(file, 16_000);

        PcmAudio pcm = new AudioFileReader().read(file, 16_000, 1);

        // the same samples as the ffmpeg CLI decodes (its resampler rounds a few samples
        // differently)
        assertThat((double) pcm.frames()).isCloseTo(cliFrames, within(16.0));
        // ffprobe's mp3 duration counts the encoder delay and padding the decoder trims
        assertThat(pcm.durationUs() / 1e6)
                .isCloseTo(probed, within(extension.equals("mp3") ? 0.1 : 0.03));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wav", "flac", "ogg"})
    void readsFilesSoxWrites(String extension) throws Exception {
        Path file = dir.resolve("tone." + extension);
        Ffprobe.run(
                List.of(
                        "sox",
                        "-n",
                        "-r",
                        "44100",
                        "-c",
                        "2",
                        file.toString(),
                        "synth",
                        "2.5",
                        "sine",
                        "1000"));

        PcmAudio pcm = new AudioFileReader().read(file, 48_000, 1);

        assertThat(pcm.durationUs()).isCloseTo(2_500_000L, within(20_000L));
        assertThat(Signals.dominantFrequency(pcm, 500, 1000, 2000)).isEqualTo(1000);
    }
}
