package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.FloatPointer;

/**
 * PCM to raw AAC-LC packets (no ADTS headers: for an MP4/fMP4 muxer), with FFmpeg's native AAC
 * encoder and its fast coder (~3x the speed of the default two-loop search; speech at 64 kb/s per
 * channel stays clean). 1,024 samples per channel per packet. The decoded stream lags the input by
 * {@link #primingSamples()} (1,024): packet {@code n} decodes to input samples {@code [(n-1)*1024,
 * n*1024)}, the first packet being the priming. Stateful, one thread; {@link #close()} frees the
 * native encoder.
 */
public final class AacPacketEncoder implements AutoCloseable {
    /** The default bitrate per channel. */
    public static final int BITRATE_PER_CHANNEL = 64_000;

    private final int channels;
    private final float[] planar;
    private AVCodecContext encoder;
    private AVFrame frame;
    private AVPacket packet;
    private long pts;

    /**
     * @param sampleRate one of the AAC rates (e.g. 48000, 44100, 16000)
     * @param channels 1 or 2
     * @param bitrate bits per second; 0 = 64 kb/s per channel
     * @throws IllegalStateException if FFmpeg cannot open the encoder for this shape
     */
    public AacPacketEncoder(int sampleRate, int channels, int bitrate) {
        if (channels < 1 || channels > 2 || bitrate < 0) {
            throw new IllegalArgumentException(
                    "AAC encoder: " + channels + " ch at " + bitrate + " b/s is not supported");
        }
        this.channels = channels;
        FfmpegRuntime.load();
        try {
            open(sampleRate, bitrate > 0 ? bitrate : BITRATE_PER_CHANNEL * channels);
        } catch (AudioCodecException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        this.planar = new float[frameSize()];
    }

    private void open(int sampleRate, int bitrate) throws AudioCodecException {
        AVCodec codec = avcodec_find_encoder_by_name("aac");
        if (codec == null || codec.isNull()) {
            throw new AudioCodecException("the aac encoder is not in this FFmpeg build");
        }
        encoder = avcodec_alloc_context3(codec);
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        encoder.sample_rate(sampleRate);
        av_channel_layout_default(encoder.ch_layout(), channels);
        encoder.bit_rate(bitrate);
        encoder.time_base(new AVRational().num(1).den(sampleRate));
        encoder.thread_count(1);
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER); // config in extradata
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "aac_coder", "fast", 0);
        try {
            FfmpegErrors.check(
                    avcodec_open2(encoder, codec, options),
                    "cannot open the AAC encoder at " + sampleRate + " Hz, " + channels + " ch");
        } finally {
            av_dict_free(options);
        }
        frame = av_frame_alloc();
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.nb_samples(encoder.frame_size());
        frame.sample_rate(sampleRate);
        av_channel_layout_default(frame.ch_layout(), channels);
        FfmpegErrors.check(av_frame_get_buffer(frame, 0), "cannot allocate an AAC frame");
        packet = av_packet_alloc();
    }

    /** Samples per channel in each frame {@link #encode} takes: 1,024. */
    public int frameSize() {
        return encoder.frame_size();
    }

    /** Samples per channel the decoded stream lags the input: the priming (1,024). */
    public int primingSamples() {
        return encoder.initial_padding();
    }

    public int sampleRate() {
        return encoder.sample_rate();
    }

    public int channels() {
        return channels;
    }

    /** The AudioSpecificConfig (ISO 14496-3) a container's decoder configuration carries. */
    public byte[] audioSpecificConfig() {
        byte[] config = new byte[encoder.extradata_size()];
        encoder.extradata().get(config);
        return config;
    }

    /**
     * Encodes one frame of {@code frameSize() * channels} interleaved samples, read from {@code
     * pcm} at {@code offset}; samples past the end of {@code pcm} (or before 0) count as silence.
     * Returns the packets the encoder completed (zero or one).
     */
    public List<byte[]> encode(short[] pcm, int offset) {
        check();
        try {
            FfmpegErrors.check(av_frame_make_writable(frame), "cannot reuse the AAC frame");
            int n = frameSize();
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    int at = offset + i * channels + c;
                    planar[i] = at >= 0 && at < pcm.length ? pcm[at] / 32768f : 0f;
                }
                new FloatPointer(frame.data(c)).put(planar, 0, n);
            }
            frame.pts(pts);
            pts += n;
            FfmpegErrors.check(avcodec_send_frame(encoder, frame), "AAC encoding failed");
            return drain();
        } catch (AudioCodecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Ends the stream: the packets still inside the encoder (the tail of the last frames). */
    public List<byte[]> flush() {
        check();
        try {
            FfmpegErrors.check(avcodec_send_frame(encoder, null), "AAC flush failed");
            return drain();
        } catch (AudioCodecException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<byte[]> drain() throws AudioCodecException {
        List<byte[]> packets = new ArrayList<>(1);
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == FfmpegErrors.EAGAIN || ret == AVERROR_EOF) {
                return packets;
            }
            FfmpegErrors.check(ret, "AAC encoding failed");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            av_packet_unref(packet);
            packets.add(bytes);
        }
    }

    private void check() {
        if (encoder == null) {
            throw new IllegalStateException("encoder is closed");
        }
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
