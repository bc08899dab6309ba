package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Streaming encoder: {@link #open}, {@link #write} PCM in pieces of any size, {@link #close} to get
 * a complete file. Holds at most one encoder frame plus one piece of input in memory, whatever the
 * length. Gapless: the last partial frame is encoded short (Ogg Opus trims it through the granule
 * position), so the decoded length equals the input length (AAC adds its priming, see README).
 *
 * <p>Not thread safe: one instance per thread. If {@link #write} or {@link #close} fails, the
 * partial file is deleted.
 */
public final class AudioFileWriter implements AutoCloseable {

    /** Largest piece converted at once, in samples per channel: bounds the native input buffer. */
    private static final int MAX_PIECE = 8192;

    private static final int DEFAULT_FRAME_SIZE = 4096;

    private final Path file;
    private final int sampleRate;
    private final int channels;
    private final FileMuxer muxer;
    private final Resampler resampler;
    private final int frameSize;
    private final AVAudioFifo fifo;
    private final AVFrame frame;
    private final ShortPointer input;
    private final PointerPointer<ShortPointer> inputPlanes;
    private long samplesEncoded;
    private boolean closed;
    private boolean failed;

    private AudioFileWriter(
            Path file, int sampleRate, int channels, FileMuxer muxer, Resampler resampler)
            throws AudioCodecException {
        this.file = file;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.muxer = muxer;
        this.resampler = resampler;
        this.frameSize = muxer.frameSize() > 0 ? muxer.frameSize() : DEFAULT_FRAME_SIZE;
        this.fifo = av_audio_fifo_alloc(muxer.sampleFormat(), channels, frameSize * 2);
        this.frame = av_frame_alloc();
        this.input = new ShortPointer((long) MAX_PIECE * channels);
        this.inputPlanes = new PointerPointer<ShortPointer>(1).put(0, input);
        if (fifo == null || frame == null) {
            freeBuffers();
            throw new AudioCodecException("out of memory opening " + file);
        }
        frame.nb_samples(frameSize);
        frame.format(muxer.sampleFormat());
        frame.sample_rate(muxer.sampleRate());
        av_channel_layout_default(frame.ch_layout(), channels);
        int ret = av_frame_get_buffer(frame, 0);
        if (ret < 0) {
            freeBuffers();
            throw FfmpegErrors.error(ret, "cannot allocate a frame for " + file);
        }
    }

    /**
     * Creates (or replaces) {@code out} and prepares to encode PCM of the given shape into it.
     *
     * @param bitrate bits per second; 0 for the format's default (Opus 32 kb/s, AAC 64 kb/s per
     *     channel); ignored by FLAC and WAV
     */
    public static AudioFileWriter open(
            Path out, AudioFormat format, int sampleRate, int channels, int bitrate)
            throws AudioCodecException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        if (sampleRate <= 0 || channels < 1 || channels > 8) {
            throw new IllegalArgumentException(
                    "unsupported PCM shape: " + sampleRate + " Hz, " + channels + " channels");
        }
        FfmpegRuntime.load();
        FfmpegRuntime.clearLastError();
        EncoderProfile profile = EncoderProfile.of(format, sampleRate, channels, bitrate);
        FileMuxer muxer = null;
        Resampler resampler = null;
        try {
            muxer = FileMuxer.open(out, format, profile, channels);
            try (AVChannelLayout layout = Resampler.defaultLayout(channels)) {
                resampler =
                        new Resampler(
                                layout,
                                AV_SAMPLE_FMT_S16,
                                sampleRate,
                                channels,
                                muxer.sampleFormat(),
                                muxer.sampleRate());
            }
            return new AudioFileWriter(out, sampleRate, channels, muxer, resampler);
        } catch (AudioCodecException | RuntimeException e) {
            if (resampler != null) {
                resampler.close();
            }
            if (muxer != null) {
                muxer.close();
            }
            deleteQuietly(out);
            throw e;
        }
    }

    /**
     * Encodes {@code length} interleaved samples (a whole number of frames) starting at {@code
     * offset}.
     */
    public void write(short[] interleaved, int offset, int length) throws AudioCodecException {
        if (closed || failed) {
            throw new IllegalStateException(
                    "writer for " + file + (closed ? " is closed" : " failed earlier"));
        }
        Objects.checkFromIndexSize(offset, length, interleaved.length);
        if (length % channels != 0) {
            throw new IllegalArgumentException(
                    length + " samples is not a whole number of " + channels + "-channel frames");
        }
        try {
            int end = offset + length;
            for (int at = offset; at < end; ) {
                int piece = Math.min(end - at, MAX_PIECE * channels);
                input.position(0).put(interleaved, at, piece);
                queue(resampler.convert(inputPlanes, piece / channels));
                at += piece;
            }
            encodeFullFrames();
        } catch (AudioCodecException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Writes all of {@code pcm}, which must have the shape this writer was opened with. */
    public void write(PcmAudio pcm) throws AudioCodecException {
        if (pcm.sampleRate() != sampleRate || pcm.channels() != channels) {
            throw new IllegalArgumentException(
                    "writer takes " + sampleRate + " Hz " + channels + " ch, got " + pcm);
        }
        write(pcm.samples(), 0, pcm.samples().length);
    }

    /** Samples per channel written to the file so far (at the encoder's rate). */
    public long samplesEncoded() {
        return samplesEncoded;
    }

    /**
     * Samples per channel waiting for a full encoder frame (for tests: the writer does not buffer).
     */
    int bufferedSamples() {
        return av_audio_fifo_size(fifo);
    }

    /** Drains the resampler and the encoder and writes the trailer. Idempotent. */
    @Override
    public void close() throws AudioCodecException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                queue(resampler.flush());
                encodeFullFrames();
                int rest = av_audio_fifo_size(fifo);
                if (rest > 0) {
                    encodeFrame(rest); // the short last frame: no padding reaches the file
                }
                muxer.finish();
            }
        } catch (AudioCodecException | RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            muxer.close();
            resampler.close();
            freeBuffers();
            if (failed) {
                deleteQuietly(file);
            }
        }
    }

    private void freeBuffers() {
        if (fifo != null) {
            av_audio_fifo_free(fifo);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        inputPlanes.close();
        input.close();
    }

    private void queue(int samples) throws AudioCodecException {
        if (samples > 0) {
            int ret = av_audio_fifo_write(fifo, resampler.output(), samples);
            FfmpegErrors.check(ret, "buffering audio for " + file + " failed");
        }
    }

    private void encodeFullFrames() throws AudioCodecException {
        while (av_audio_fifo_size(fifo) >= frameSize) {
            encodeFrame(frameSize);
        }
    }

    private void encodeFrame(int samples) throws AudioCodecException {
        FfmpegErrors.check(av_frame_make_writable(frame), "cannot reuse frame for " + file);
        frame.nb_samples(samples);
        FfmpegErrors.check(
                av_audio_fifo_read(fifo, frame.extended_data(), samples),
                "reading buffered audio for " + file + " failed");
        frame.pts(samplesEncoded);
        muxer.encode(frame);
        samplesEncoded += samples;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the caller gets the codec error, which is what matters
        }
    }
}
