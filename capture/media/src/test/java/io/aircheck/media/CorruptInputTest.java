package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input ends in an AudioCodecException that says what is wrong: no crash, no hang. */
@Timeout(30)
class CorruptInputTest {

    private final AudioFileReader reader = new AudioFileReader();

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 1000, 200_000})
    void randomBytesAreNotAudio(int size) throws Exception {
        byte[] junk = new byte[size];
        new Random(size).nextBytes(junk);
        Path file = dir.resolve("junk.mp3"); // a misleading extension does not make it audio

        Files.write(file, junk);

        assertThatThrownBy(() -> reader.read(file, 48_000, 1))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((AudioCodecException) e).retriable()).isFalse());
        assertThatThrownBy(() -> reader.read(junk, 48_000, 1))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining(size + " bytes of audio");
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void truncatedFilesAreRejected(AudioFormat format) throws Exception {
        byte[] complete = AudioEncoding.encode(Signals.sine(1000, 3.217, 48_000, 1, 0.5), format);

        for (double kept : new double[] {0.01, 0.5, 0.9}) {
            byte[] cut = Arrays.copyOf(complete, (int) (complete.length * kept));
            assertThatThrownBy(() -> reader.read(cut, 48_000, 1))
                    .as("%s cut to %s", format, kept)
                    .isInstanceOf(AudioCodecException.class)
                    .hasMessageMatching("(?s).*(truncated|corrupt|cannot open|no audio stream).*");
        }
    }

    @Test
    void truncationMessagesSayWhatIsMissing() throws Exception {
        byte[] opus =
                AudioEncoding.encode(Signals.sine(1000, 3.0, 48_000, 1, 0.5), AudioFormat.OGG_OPUS);
        byte[] flac =
                AudioEncoding.encode(Signals.sine(1000, 3.0, 48_000, 1, 0.5), AudioFormat.FLAC);

        assertThatThrownBy(() -> reader.read(Arrays.copyOf(opus, opus.length / 2), 48_000, 1))
                .hasMessageContaining("last Ogg page is cut off");
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(flac, flac.length / 2), 48_000, 1))
                .hasMessageContaining("corrupt audio")
                .hasMessageContaining("flac")
                .hasMessageContaining("Invalid data found when processing input");
    }

    @Test
    void garbledCompressedDataIsRejected() throws Exception {
        byte[] flac =
                AudioEncoding.encode(Signals.sine(1000, 3.0, 48_000, 1, 0.5), AudioFormat.FLAC);
        Random random = new Random(1);
        for (int i = flac.length / 3; i < flac.length / 3 + 200; i++) {
            flac[i] = (byte) random.nextInt();
        }

        assertThatThrownBy(() -> reader.read(flac, 48_000, 1))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining("corrupt audio");
    }

    @Test
    void lenientReaderDecodesWhatIsLeft() throws Exception {
        PcmAudio sine = Signals.sine(1000, 3.0, 48_000, 1, 0.5);
        byte[] opus = AudioEncoding.encode(sine, AudioFormat.OGG_OPUS);
        byte[] flac = AudioEncoding.encode(sine, AudioFormat.FLAC);
        for (int i = flac.length / 3; i < flac.length / 3 + 200; i++) {
            flac[i] ^= 0x5a;
        }
        byte[] junk = new byte[5000];
        new Random(3).nextBytes(junk);

        PcmAudio firstHalf =
                AudioFileReader.lenient().read(Arrays.copyOf(opus, opus.length / 2), 48_000, 1);
        PcmAudio damaged = AudioFileReader.lenient().read(flac, 48_000, 1);

        assertThat(firstHalf.durationUs()).isBetween(500_000L, 1_600_000L);
        assertThat(damaged.durationUs()).isBetween(2_500_000L, 3_000_000L);
        assertThatThrownBy(() -> AudioFileReader.lenient().read(junk, 48_000, 1))
                .isInstanceOf(AudioCodecException.class);
    }

    @Test
    void missingFilesAndFilesWithoutAudioSayWhy() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not audio at all\n".repeat(50));

        assertThatThrownBy(() -> reader.read(dir.resolve("nope.wav"), 48_000, 1))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining("no such readable file");
        assertThatThrownBy(() -> reader.read(dir, 48_000, 1))
                .isInstanceOf(AudioCodecException.class);
        assertThatThrownBy(() -> reader.read(text, 48_000, 1))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining("notes.txt");
    }

    @Test
    void writerFailsCleanlyWhereItCannotWrite() {
        Path impossible = dir.resolve("no-such-dir").resolve("out.flac");

        assertThatThrownBy(() -> AudioFileWriter.open(impossible, AudioFormat.FLAC, 48_000, 1, 0))
                .isInstanceOf(AudioCodecException.class)
                .hasMessageContaining("cannot create")
                .hasMessageContaining("No such file or directory");
        assertThat(impossible).doesNotExist();
    }
}
