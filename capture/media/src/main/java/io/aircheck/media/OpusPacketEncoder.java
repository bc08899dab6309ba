package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.ShortPointer;

/**
 * PCM frames to raw Opus packets (RFC 6716, as RTP carries them: no Ogg, no header), with libopus
 * in VoIP mode unless told otherwise ({@link Application}), 20 ms per packet. One packet per frame.
 * Stateful (the encoder's history shapes the next packet): one instance per track, used by one
 * thread; {@link #close()} frees the native encoder.
 *
 * <p>The decoded stream lags the input by the encoder's look-ahead, {@link #delaySamples()} (6.5
 * ms).
 */
public final class OpusPacketEncoder implements AutoCloseable {

    /** The rates Opus codes at; 48 kHz is the native one. */
    static final Set<Integer> OPUS_RATES = Set.of(8000, 12000, 16000, 24000, 48000);

    private final int channels;
    private AVCodecContext encoder;
    private AVFrame frame;
    private AVPacket packet;
    private long pts;

    /**
     * An encoder at libopus' full effort (complexity 10, ~30x real time per core on speech).
     *
     * @param sampleRate 48000 (or 8000, 12000, 16000, 24000)
     * @param channels 1 or 2
     * @param bitrate bits per second; 0 = 32 kb/s per channel
     * @throws IllegalArgumentException for a shape Opus cannot code
     * @throws IllegalStateException if FFmpeg cannot open libopus
     */
    public OpusPacketEncoder(int sampleRate, int channels, int bitrate) {
        this(sampleRate, channels, bitrate, 10);
    }

    /**
     * A VoIP-mode encoder (SILK or hybrid for speech: what a microphone sends).
     *
     * @param complexity libopus effort 0..10: lower is faster (for simulating many speakers)
     */
    public OpusPacketEncoder(int sampleRate, int channels, int bitrate, int complexity) {
        this(sampleRate, channels, bitrate, complexity, Application.VOIP);
    }

    /** What libopus tunes its choices for (FFmpeg's {@code application} option). */
    public enum Application {
        /**
         * Speech intelligibility first: SILK (linear prediction) or hybrid for voice below ~55 kb/s
         * mono. The costlier encode; on its bitrate at every complexity.
         */
        VOIP("voip"),
        /**
         * Fidelity to any signal: CELT (transform coding) for mono from ~23 kb/s below complexity
         * 7, where libopus skips its speech/music analysis (from 7 on it may pick SILK for speech
         * and cost as much as VOIP). Coded with constrained VBR: unconstrained, CELT at complexity
         * 5 overshoots a 32 kb/s target to ~56 kb/s on speech. ~1.6x cheaper than VOIP at
         * complexity 5, ~2.7x at 0.
         */
        AUDIO("audio");

        private final String option;

        Application(String option) {
            this.option = option;
        }

        @Override
        public String toString() {
            return option;
        }
    }

    /**
     * @param complexity libopus effort 0..10: lower is faster
     * @param application what libopus tunes for
     */
    public OpusPacketEncoder(
            int sampleRate, int channels, int bitrate, int complexity, Application application) {
        if (!OPUS_RATES.contains(sampleRate)
                || channels < 1
                || channels > 2
                || bitrate < 0
                || complexity < 0
                || complexity > 10) {
            throw new IllegalArgumentException(
                    String.format(
                            "Opus cannot code %d Hz, %d ch at %d b/s, complexity %d",
                            sampleRate, channels, bitrate, complexity));
        }
        this.channels = channels;
        FfmpegRuntime.load();
        try {
            int rate = bitrate > 0 ? bitrate : EncoderProfile.OPUS_BITRATE_PER_CHANNEL * channels;
            open(sampleRate, rate, complexity, application);
        } catch (AudioCodecException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void open(int sampleRate, int bitrate, int complexity, Application application)
            throws AudioCodecException {
        AVCodec codec = avcodec_find_encoder_by_name("libopus");
        if (codec == null || codec.isNull()) {
            throw new AudioCodecException("libopus is not in this FFmpeg build");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.sample_fmt(AV_SAMPLE_FMT_S16);
        encoder.sample_rate(sampleRate);
        av_channel_layout_default(encoder.ch_layout(), channels);
        encoder.bit_rate(bitrate);
        encoder.time_base(new AVRational().num(1).den(sampleRate));
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "application", application.option, 0);
        if (application == Application.AUDIO) {
            av_dict_set(options, "vbr", "constrained", 0);
        }
        av_dict_set(options, "frame_duration", "20", 0);
        av_dict_set(options, "compression_level", Integer.toString(complexity), 0);
        try {
            FfmpegErrors.check(
                    avcodec_open2(encoder, codec, options), "cannot open libopus encoder");
            if (av_dict_count(options) > 0) { // FFmpeg leaves the options it does not know
                throw new AudioCodecException(
                        "libopus does not know the option '"
                                + av_dict_get(options, "", null, AV_DICT_IGNORE_SUFFIX)
                                        .key()
                                        .getString()
                                + "'");
            }
        } finally {
            av_dict_free(options);
        }
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_S16);
        frame.nb_samples(encoder.frame_size());
        frame.sample_rate(sampleRate);
        av_channel_layout_default(frame.ch_layout(), channels);
        FfmpegErrors.check(av_frame_get_buffer(frame, 0), "cannot allocate an Opus frame");
        packet = av_packet_alloc();
    }

    /** Samples per channel in each frame {@link #encode} takes: 960 at 48 kHz (20 ms). */
    public int frameSize() {
        return encoder.frame_size();
    }

    /** The encoder's look-ahead in samples per channel at this encoder's rate. */
    public int delaySamples() {
        return encoder.initial_padding();
    }

    /**
     * Encodes exactly {@code frameSize() * channels} interleaved samples into one Opus packet.
     *
     * @throws IllegalArgumentException if the frame has another length
     * @throws IllegalStateException if libopus fails (it does not on valid input) or after close
     */
    public byte[] encode(short[] pcmFrame) {
        if (encoder == null) {
            throw new IllegalStateException("encoder is closed");
        }
        int expected = frameSize() * channels;
        if (pcmFrame.length != expected) {
            throw new IllegalArgumentException(
                    "an Opus frame is " + expected + " samples, got " + pcmFrame.length);
        }
        try {
            FfmpegErrors.check(av_frame_make_writable(frame), "cannot reuse the Opus frame");
            new ShortPointer(frame.data(0)).put(pcmFrame, 0, expected);
            frame.pts(pts);
            pts += frameSize();
            FfmpegErrors.check(avcodec_send_frame(encoder, frame), "Opus encoding failed");
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == FfmpegErrors.EAGAIN) {
                return new byte[0];
            }
            FfmpegErrors.check(ret, "Opus encoding failed");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            av_packet_unref(packet);
            return bytes;
        } catch (AudioCodecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Encodes the frame of {@code frameSize() * channels} interleaved samples that starts at {@code
     * offset} in {@code pcm}; samples outside {@code pcm} count as silence.
     */
    public byte[] encode(short[] pcm, int offset) {
        int n = frameSize() * channels;
        short[] frameSamples = new short[n];
        int from = Math.max(0, offset);
        int to = Math.min(pcm.length, offset + n);
        if (to > from) {
            System.arraycopy(pcm, from, frameSamples, from - offset, to - from);
        }
        return encode(frameSamples);
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
    }
}
