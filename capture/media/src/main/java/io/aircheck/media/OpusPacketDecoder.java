package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Raw Opus packets (RFC 6716) to interleaved s16 PCM at the requested rate. Uses FFmpeg's libopus
 * decoder, whose packet loss concealment {@link #conceal} drives by decoding a frame with no data
 * (RFC 6716 3.2.1: a zero-length frame is a lost frame), falling back to FFmpeg's native decoder.
 * Stateful per track, not thread safe; {@link #close()} frees the native decoder.
 */
public final class OpusPacketDecoder implements AutoCloseable {

    private final int sampleRate;
    private final int channels;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    private Resampler resampler;
    private final PcmCollector out;
    private int lastToc = -1;
    private final boolean concealment;

    /**
     * @param sampleRate rate of the PCM {@link #decode} returns (Opus decodes at 48 kHz; other
     *     rates are resampled, which delays the output by a few samples)
     * @param channels 1 or 2
     */
    public OpusPacketDecoder(int sampleRate, int channels) {
        this(sampleRate, channels, true);
    }

    /**
     * A decoder without packet-loss concealment: FFmpeg's own Opus decoder, about 3.5x faster than
     * libopus (a mixer that leaves silence where packets are missing needs no concealment; the
     * output matches libopus' up to a 2-sample lag and rounding). {@link #conceal} returns silence.
     */
    public static OpusPacketDecoder withoutConcealment(int sampleRate, int channels) {
        return new OpusPacketDecoder(sampleRate, channels, false);
    }

    private OpusPacketDecoder(int sampleRate, int channels, boolean libopus) {
        if (!OpusPacketEncoder.OPUS_RATES.contains(sampleRate) || channels < 1 || channels > 2) {
            throw new IllegalArgumentException(
                    "Opus cannot decode to " + sampleRate + " Hz, " + channels + " ch");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.out = new PcmCollector(channels, 960 * channels);
        FfmpegRuntime.load();
        this.concealment = libopus;
        try {
            open();
        } catch (AudioCodecException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void open() throws AudioCodecException {
        AVCodec codec = concealment ? avcodec_find_decoder_by_name("libopus") : null;
        if (codec == null || codec.isNull()) {
            codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
        }
        decoder = avcodec_alloc_context3(codec);
        decoder.sample_rate(48_000);
        av_channel_layout_default(decoder.ch_layout(), channels);
        decoder.request_sample_fmt(AV_SAMPLE_FMT_S16);
        FfmpegErrors.check(
                avcodec_open2(decoder, codec, (AVDictionary) null), "cannot open Opus decoder");
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /** Decodes one packet: usually 20 ms, {@code 960 * channels} samples at 48 kHz. */
    public short[] decode(byte[] opusPacket) throws AudioCodecException {
        if (opusPacket == null || opusPacket.length == 0) {
            throw new IllegalArgumentException(
                    "an Opus packet has at least its TOC byte; use conceal() for a lost one");
        }
        short[] pcm = decodeRaw(opusPacket);
        lastToc = opusPacket[0] & 0xff;
        return pcm;
    }

    /**
     * Packet loss concealment for one lost frame: {@code frameSize} samples per channel, continuing
     * the signal from the decoder's state (silence if nothing was decoded yet).
     */
    public short[] conceal(int frameSize) {
        if (frameSize < 0) {
            throw new IllegalArgumentException("frameSize must be >= 0, was " + frameSize);
        }
        int wanted = frameSize * channels;
        if (lastToc < 0 || !concealment) {
            return new short[wanted];
        }
        // the last packet's mode, bandwidth and frame duration, one frame (code 0), no data
        byte[] lost = {(byte) (lastToc & 0xfc)};
        short[] result = new short[wanted];
        int filled = 0;
        try {
            while (filled < wanted) {
                short[] pcm = decodeRaw(lost);
                if (pcm.length == 0) {
                    break;
                }
                int n = Math.min(pcm.length, wanted - filled);
                System.arraycopy(pcm, 0, result, filled, n);
                filled += n;
            }
        } catch (AudioCodecException e) {
            // a decoder without concealment: the rest stays silent
        }
        return result;
    }

    private short[] decodeRaw(byte[] data) throws AudioCodecException {
        if (decoder == null) {
            throw new IllegalStateException("decoder is closed");
        }
        FfmpegRuntime.clearLastError();
        FfmpegErrors.check(av_new_packet(packet, data.length), "cannot allocate an Opus packet");
        try {
            packet.data().put(data);
            FfmpegErrors.check(
                    avcodec_send_packet(decoder, packet),
                    "corrupt Opus packet of " + data.length + " bytes");
        } finally {
            av_packet_unref(packet);
        }
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == FfmpegErrors.EAGAIN || ret == AVERROR_EOF) {
                return out.drain();
            }
            FfmpegErrors.check(ret, "corrupt Opus packet of " + data.length + " bytes");
            try {
                convert(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private void convert(AVFrame decoded) throws AudioCodecException {
        boolean direct =
                decoded.format() == AV_SAMPLE_FMT_S16
                        && decoded.sample_rate() == sampleRate
                        && decoded.ch_layout().nb_channels() == channels;
        if (direct) {
            out.accept(new ShortPointer(decoded.data(0)), decoded.nb_samples() * channels);
            return;
        }
        if (resampler == null
                || !resampler.accepts(
                        decoded.ch_layout(), decoded.format(), decoded.sample_rate())) {
            if (resampler != null) {
                resampler.close();
            }
            resampler =
                    new Resampler(
                            decoded.ch_layout(),
                            decoded.format(),
                            decoded.sample_rate(),
                            channels,
                            AV_SAMPLE_FMT_S16,
                            sampleRate);
        }
        int converted = resampler.convert(decoded.extended_data(), decoded.nb_samples());
        out.accept(new ShortPointer(resampler.firstPlane()), converted * channels);
    }

    @Override
    public void close() {
        if (resampler != null) {
            resampler.close();
            resampler = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
    }
}
