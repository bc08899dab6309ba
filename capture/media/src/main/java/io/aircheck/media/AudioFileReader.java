package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Decodes any file FFmpeg reads (wav, mp3, ogg/opus, m4a, flac, ...) to s16 PCM at the requested
 * rate and channel count, resampling and down-mixing with libswresample. Gapless: Opus pre-skip,
 * end trimming and AAC priming (where the container records it) are applied.
 *
 * <p>{@link #AudioFileReader() Strict} by default: unreadable, corrupt or truncated input (a
 * cut-off file, a failed FLAC checksum, decoding ending short of the duration the container
 * declares) is an {@link AudioCodecException}, never partial audio. {@link #lenient()} skips
 * damaged packets and decodes what it can, as the ffmpeg CLI does (for demo input files). Holds no
 * native state between calls: an instance may be shared, each call runs on its caller's thread.
 */
public final class AudioFileReader {

    /**
     * Decoding may end this much (plus 0.1 %) before the declared duration: container rounding,
     * codec delay, an mp3 Xing header's frame granularity.
     */
    static final long TRUNCATION_TOLERANCE_US = 100_000;

    private final boolean strict;

    /** A strict reader: any damage or truncation is an error. */
    public AudioFileReader() {
        this(true);
    }

    private AudioFileReader(boolean strict) {
        this.strict = strict;
    }

    /**
     * A reader that skips damaged packets and accepts truncated files; fails only on unreadable
     * ones.
     */
    public static AudioFileReader lenient() {
        return new AudioFileReader(false);
    }

    /** Reads the whole file into memory; see {@link #stream} for long files. */
    public PcmAudio read(Path file, int sampleRate, int channels) throws AudioCodecException {
        PcmCollector collector = new PcmCollector(channels);
        stream(file, sampleRate, channels, collector);
        return new PcmAudio(collector.toArray(), sampleRate, channels);
    }

    /** Decodes an encoded file held in memory (through a temporary file). */
    public PcmAudio read(byte[] encoded, int sampleRate, int channels) throws AudioCodecException {
        Objects.requireNonNull(encoded, "encoded");
        Path temp = null;
        try {
            temp = Files.createTempFile("aircheck-media-", ".bin");
            Files.write(temp, encoded);
            return read(temp, sampleRate, channels);
        } catch (AudioCodecException e) {
            // name what the caller gave, not the temporary file
            String message =
                    e.getMessage().replace(temp.toString(), encoded.length + " bytes of audio");
            throw new AudioCodecException(message, e.retriable(), e.getCause());
        } catch (IOException e) {
            throw new AudioCodecException(
                    "cannot stage " + encoded.length + " bytes for decoding", true, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Decodes {@code file} piece by piece into {@code sink} without holding it in memory; returns
     * the number of frames (samples per channel) delivered.
     */
    public long stream(Path file, int sampleRate, int channels, PcmSink sink)
            throws AudioCodecException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        if (sampleRate <= 0 || channels < 1 || channels > 8) {
            throw new IllegalArgumentException(
                    "unsupported PCM shape: " + sampleRate + " Hz, " + channels + " channels");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new AudioCodecException("cannot read " + file + ": no such readable file");
        }
        if (strict) {
            checkNotCutOff(file);
        }
        FfmpegRuntime.load();
        FfmpegRuntime.clearLastError();
        try (FileDecoder decoder = FileDecoder.open(file, strict);
                Conversion conversion = new Conversion(sampleRate, channels, sink)) {
            decoder.decodeAll(conversion::accept);
            conversion.finish();
            if (strict) {
                checkComplete(file, decoder, conversion.delivered * 1_000_000L / sampleRate);
            }
            return conversion.delivered;
        }
    }

    /** What FFmpeg does not notice: a cut-off last Ogg page, a WAV shorter than its header. */
    private static void checkNotCutOff(Path file) throws AudioCodecException {
        Optional<String> problem;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int window = (int) Math.min(TruncationCheck.WINDOW, size);
            problem =
                    TruncationCheck.check(
                            readFully(channel, 0, window),
                            readFully(channel, size - window, window),
                            size);
        } catch (IOException e) {
            throw new AudioCodecException("cannot read " + file + ": " + e.getMessage(), true, e);
        }
        if (problem.isPresent()) {
            throw new AudioCodecException("truncated audio in " + file + ": " + problem.get());
        }
    }

    private static byte[] readFully(SeekableByteChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
        return buffer.array();
    }

    private static void checkComplete(Path file, FileDecoder decoder, long decodedUs)
            throws AudioCodecException {
        long declaredUs = decoder.declaredDurationUs();
        if (declaredUs > 0
                && decodedUs < declaredUs - TRUNCATION_TOLERANCE_US - declaredUs / 1000) {
            throw new AudioCodecException(
                    String.format(
                            Locale.ROOT,
                            "truncated or corrupt audio in %s (%s): the container declares %.3f s, only %.3f s decode",
                            file,
                            decoder.describe(),
                            declaredUs / 1e6,
                            decodedUs / 1e6));
        }
    }

    /** Decoded frames of any shape -> s16 interleaved at the target shape -> the sink. */
    private static final class Conversion implements AutoCloseable {
        private final int rate;
        private final int channels;
        private final PcmSink sink;
        private Resampler resampler;
        private short[] chunk = new short[0];
        private long delivered;

        Conversion(int rate, int channels, PcmSink sink) {
            this.rate = rate;
            this.channels = channels;
            this.sink = sink;
        }

        void accept(AVFrame frame) throws AudioCodecException {
            if (resampler != null
                    && !resampler.accepts(frame.ch_layout(), frame.format(), frame.sample_rate())) {
                finish(); // the stream changed shape mid-way (e.g. an mp3 rate switch)
            }
            if (resampler == null) {
                resampler =
                        new Resampler(
                                frame.ch_layout(),
                                frame.format(),
                                frame.sample_rate(),
                                channels,
                                AV_SAMPLE_FMT_S16,
                                rate);
            }
            deliver(resampler.convert(frame.extended_data(), frame.nb_samples()));
        }

        void finish() throws AudioCodecException {
            if (resampler != null) {
                deliver(resampler.flush());
                resampler.close();
                resampler = null;
            }
        }

        private void deliver(int frames) throws AudioCodecException {
            if (frames <= 0) {
                return;
            }
            int samples = frames * channels;
            if (chunk.length < samples) {
                chunk = new short[samples];
            }
            new ShortPointer(resampler.firstPlane()).get(chunk, 0, samples);
            sink.accept(chunk, 0, samples);
            delivered += frames;
        }

        @Override
        public void close() {
            if (resampler != null) {
                resampler.close();
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is not worth failing a decode for
            }
        }
    }
}
