package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One encoder feeding one muxer that writes one file: frames in, packets out to the file. Knows
 * nothing of buffering or resampling ({@link AudioFileWriter} does that).
 */
final class FileMuxer implements AutoCloseable {

    private final String target;
    private AVFormatContext output;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVPacket packet;

    private FileMuxer(String target) {
        this.target = target;
    }

    static FileMuxer open(Path file, AudioFormat format, EncoderProfile profile, int channels)
            throws AudioCodecException {
        FileMuxer muxer = new FileMuxer(file + " (" + format + ")");
        try {
            muxer.start(file, profile, channels);
            return muxer;
        } catch (AudioCodecException | RuntimeException e) {
            muxer.close();
            throw e;
        }
    }

    private void start(Path file, EncoderProfile profile, int channels) throws AudioCodecException {
        // the url is needed by muxers that re-open the file (mp4 +faststart moves moov to the
        // front)
        String url = "file:" + file.toAbsolutePath();
        AVFormatContext context = new AVFormatContext(null);
        FfmpegErrors.check(
                avformat_alloc_output_context2(context, null, profile.muxer(), url),
                "cannot create muxer " + profile.muxer() + " for " + target);
        output = context;
        AVCodec codec = avcodec_find_encoder_by_name(profile.encoder());
        if (codec == null || codec.isNull()) {
            throw new AudioCodecException(
                    "encoder " + profile.encoder() + " is not in this FFmpeg build");
        }
        stream = avformat_new_stream(output, null);
        encoder = avcodec_alloc_context3(codec);
        if (stream == null || encoder == null) {
            throw new AudioCodecException("out of memory setting up " + target);
        }
        encoder.sample_fmt(av_get_sample_fmt(profile.sampleFormat()));
        encoder.sample_rate(profile.sampleRate());
        av_channel_layout_default(encoder.ch_layout(), channels);
        encoder.bit_rate(profile.bitrate());
        encoder.time_base(new AVRational().num(1).den(profile.sampleRate()));
        encoder.thread_count(1);
        if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary codecOptions = dictionary(profile.codecOptions());
        try {
            FfmpegErrors.check(
                    avcodec_open2(encoder, codec, codecOptions),
                    "cannot open encoder for " + target);
        } finally {
            av_dict_free(codecOptions);
        }
        FfmpegErrors.check(
                avcodec_parameters_from_context(stream.codecpar(), encoder),
                "cannot configure stream of " + target);
        stream.time_base(encoder.time_base());
        AVIOContext io = new AVIOContext(null);
        FfmpegErrors.check(avio_open(io, url, AVIO_FLAG_WRITE), "cannot create " + file);
        output.pb(io);
        AVDictionary muxerOptions = dictionary(profile.muxerOptions());
        try {
            FfmpegErrors.check(
                    avformat_write_header(output, muxerOptions),
                    "cannot write header of " + target);
        } finally {
            av_dict_free(muxerOptions);
        }
        packet = av_packet_alloc();
    }

    /** Samples per channel the encoder wants in each frame but the last; 0 = any size. */
    int frameSize() {
        return encoder.frame_size();
    }

    int sampleFormat() {
        return encoder.sample_fmt();
    }

    int sampleRate() {
        return encoder.sample_rate();
    }

    /**
     * Encodes one frame, or flushes the encoder when {@code frame} is null, and writes the packets.
     */
    void encode(AVFrame frame) throws AudioCodecException {
        FfmpegErrors.check(avcodec_send_frame(encoder, frame), "encoding " + target + " failed");
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == FfmpegErrors.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            FfmpegErrors.check(ret, "encoding " + target + " failed");
            packet.stream_index(stream.index());
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            int written = av_interleaved_write_frame(output, packet);
            av_packet_unref(packet);
            FfmpegErrors.check(written, "writing " + target + " failed");
        }
    }

    /** Flushes the encoder and writes the trailer: the file is complete afterwards. */
    void finish() throws AudioCodecException {
        encode(null);
        FfmpegErrors.check(av_write_trailer(output), "cannot finish " + target);
        closeFile("cannot close " + target);
    }

    private void closeFile(String what) throws AudioCodecException {
        AVIOContext io = output.pb();
        if (io != null && !io.isNull()) {
            output.pb((AVIOContext) null);
            FfmpegErrors.check(avio_closep(io), what);
        }
    }

    private static AVDictionary dictionary(Map<String, String> options) {
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((key, value) -> av_dict_set(dictionary, key, value, 0));
        return dictionary;
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (output != null) {
            try {
                closeFile("cannot close " + target);
            } catch (AudioCodecException e) {
                // closing after a failure: the first error is the one that matters
            }
            avformat_free_context(output);
            output = null;
        }
    }
}
