package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Encode a 1 kHz sine with each format, decode it back, and let ffprobe check the file. */
class AudioFileRoundTripTest {

    private static final Logger LOG = LoggerFactory.getLogger(AudioFileRoundTripTest.class);
    private static final int RATE = 48_000;
    private static final double SECONDS = 3.217;

    /** ffprobe's codec_name per format. */
    private static final Map<AudioFormat, String> CODECS =
            Map.of(
                    AudioFormat.OGG_OPUS, "opus",
                    AudioFormat.FLAC, "flac",
                    AudioFormat.M4A_AAC, "aac",
                    AudioFormat.WAV, "pcm_s16le");

    private final AudioFileReader reader = new AudioFileReader();

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void decodedAudioKeepsLengthAndPitch(AudioFormat format) throws Exception {
        PcmAudio sine = Signals.sine(1000, SECONDS, RATE, 1, 0.5);
        Path file = dir.resolve("sine." + format.extension());

        writeIn20msPieces(sine, file, format);
        PcmAudio decoded = reader.read(file, RATE, 1);

        double differenceMs = (decoded.frames() - sine.frames()) * 1000.0 / RATE;
        LOG.info(
                "{}: {} bytes, decoded length differs by {} ms",
                format,
                Files.size(file),
                differenceMs);
        if (format == AudioFormat.M4A_AAC) {
            // the edit list removes the priming; the last frame's padding (< 1024 samples) remains
            assertThat(differenceMs).isBetween(0.0, 1024 * 1000.0 / RATE);
        } else {
            assertThat(Math.abs(differenceMs)).isLessThan(20.0);
        }
        assertThat(Signals.dominantFrequency(decoded, 250, 500, 1000, 2000, 3000)).isEqualTo(1000);
    }

    @ParameterizedTest
    @EnumSource(
            value = AudioFormat.class,
            names = {"FLAC", "WAV"})
    void losslessFormatsAreSampleIdentical(AudioFormat format) throws Exception {
        PcmAudio sine = Signals.sine(1000, SECONDS, RATE, 2, 0.5);
        Path file = dir.resolve("sine." + format.extension());

        writeIn20msPieces(sine, file, format);

        assertThat(reader.read(file, RATE, 2)).isEqualTo(sine);
    }

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void ffprobeAcceptsTheFile(AudioFormat format) throws Exception {
        PcmAudio sine = Signals.sine(1000, SECONDS, RATE, 1, 0.5);
        Path file = dir.resolve("sine." + format.extension());

        writeIn20msPieces(sine, file, format);
        Ffprobe.Info info = Ffprobe.probe(file);

        assertThat(info.codec()).isEqualTo(CODECS.get(format));
        assertThat(info.sampleRate()).isEqualTo(RATE);
        assertThat(info.channels()).isEqualTo(1);
        // ffprobe's Ogg duration counts the 6.5 ms pre-skip, the decoded audio does not
        assertThat(info.durationSeconds()).isCloseTo(SECONDS, within(0.020));
        // and the ffmpeg CLI decodes exactly what AudioFileReader does
        assertThat(Ffprobe.decodedFrames(file, RATE))
                .isEqualTo(reader.read(file, RATE, 1).frames());
    }

    @Test
    void aacKeepsTheSignalInTime() throws Exception {
        PcmAudio sine = Signals.sine(440, 1.5, RATE, 1, 0.5);
        Path file = dir.resolve("a440.m4a");

        writeIn20msPieces(sine, file, AudioFormat.M4A_AAC);
        PcmAudio decoded = reader.read(file, RATE, 1);

        double[] lagAndCorrelation = Signals.bestLag(sine.samples(), decoded.samples(), 2048);
        LOG.info(
                "M4A: decoded lags the input by {} samples, correlation {}",
                lagAndCorrelation[0],
                lagAndCorrelation[1]);
        assertThat(lagAndCorrelation[1]).isGreaterThan(0.9);
    }

    @Test
    void resamplesAndMixesDownOnTheWay() throws Exception {
        PcmAudio stereo16k = Signals.sine(1000, SECONDS, 16_000, 2, 0.5);
        Path file = dir.resolve("sine16k.opus");

        writeIn20msPieces(stereo16k, file, AudioFormat.OGG_OPUS);
        Ffprobe.Info info = Ffprobe.probe(file);
        PcmAudio mono22k = reader.read(file, 22_050, 1);

        assertThat(info.sampleRate()).isEqualTo(48_000);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(mono22k.durationUs()).isCloseTo(stereo16k.durationUs(), within(20_000L));
        assertThat(Signals.dominantFrequency(mono22k, 500, 1000, 2000)).isEqualTo(1000);
    }

    @Test
    void encodesInMemoryAndDecodesBytes() throws Exception {
        PcmAudio sine = Signals.sine(1000, 0.5, RATE, 1, 0.5);

        byte[] flac = AudioEncoding.encode(sine, AudioFormat.FLAC);
        byte[] opus = AudioEncoding.encode(sine, AudioFormat.OGG_OPUS);

        assertThat(new String(flac, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("fLaC");
        assertThat(reader.read(flac, RATE, 1)).isEqualTo(sine);
        assertThat(reader.read(opus, RATE, 1).frames()).isEqualTo(sine.frames());
    }

    @Test
    void streamsIntoAWriterWithoutHoldingTheAudio() throws Exception {
        PcmAudio sine = Signals.sine(1000, SECONDS, RATE, 1, 0.5);
        Path flac = dir.resolve("in.flac");
        Path opus = dir.resolve("out.opus");
        writeIn20msPieces(sine, flac, AudioFormat.FLAC);

        long frames;
        try (AudioFileWriter writer =
                AudioFileWriter.open(opus, AudioFormat.OGG_OPUS, RATE, 1, 0)) {
            frames = reader.stream(flac, RATE, 1, writer::write);
        }

        assertThat(frames).isEqualTo(sine.frames());
        assertThat(reader.read(opus, RATE, 1).frames()).isEqualTo(sine.frames());
    }

    static void writeIn20msPieces(PcmAudio pcm, Path file, AudioFormat format)
            throws AudioCodecException {
        int piece = pcm.sampleRate() / 50 * pcm.channels();
        short[] samples = pcm.samples();
        try (AudioFileWriter writer =
                AudioFileWriter.open(file, format, pcm.sampleRate(), pcm.channels(), 0)) {
            for (int at = 0; at < samples.length; at += piece) {
                writer.write(samples, at, Math.min(piece, samples.length - at));
            }
        }
    }
}
