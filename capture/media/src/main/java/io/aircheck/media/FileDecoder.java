package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CRCCHECK;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The best audio stream of one file, demuxed and decoded frame by frame in FFmpeg's own format.
 * Strict: a read error or a packet the decoder rejects stops decoding with an exception.
 */
final class FileDecoder implements AutoCloseable {

    /** Receives each decoded frame; the frame is reused after the call. */
    interface FrameHandler {
        void accept(AVFrame frame) throws AudioCodecException;
    }

    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(FileDecoder.class);

    private final Path file;
    private final boolean strict;
    private AVFormatContext input;
    private AVCodecContext decoder;
    private AVStream stream;
    private AVPacket packet;
    private AVFrame frame;

    private FileDecoder(Path file, boolean strict) {
        this.file = file;
        this.strict = strict;
    }

    /**
     * @param strict fail on any damage the codec detects (FLAC checksums included); else skip
     *     damaged packets and decode on, as the ffmpeg CLI does
     */
    static FileDecoder open(Path file, boolean strict) throws AudioCodecException {
        FileDecoder decoder = new FileDecoder(file, strict);
        try {
            decoder.start();
            return decoder;
        } catch (AudioCodecException | RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    private void start() throws AudioCodecException {
        AVFormatContext context = new AVFormatContext(null);
        FfmpegErrors.check(
                avformat_open_input(context, "file:" + file.toAbsolutePath(), null, null),
                "cannot open " + file + " as audio");
        input = context;
        FfmpegErrors.check(
                avformat_find_stream_info(input, (org.bytedeco.javacpp.PointerPointer<?>) null),
                "cannot read the streams of " + file);
        int index = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
        FfmpegErrors.check(index, "no audio stream in " + file + " (" + formatName() + ")");
        stream = input.streams(index);
        int codecId = stream.codecpar().codec_id();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null || codec.isNull()) {
            throw new AudioCodecException(
                    "no decoder for codec "
                            + avcodec_get_name(codecId).getString()
                            + " in "
                            + file);
        }
        decoder = avcodec_alloc_context3(codec);
        FfmpegErrors.check(
                avcodec_parameters_to_context(decoder, stream.codecpar()),
                "cannot configure decoder for " + file);
        decoder.pkt_timebase(stream.time_base());
        decoder.thread_count(1);
        if (strict) {
            // verify checksums where the codec has them (FLAC frames) and stop at any damage
            decoder.err_recognition(decoder.err_recognition() | AV_EF_CRCCHECK | AV_EF_EXPLODE);
        }
        FfmpegErrors.check(
                avcodec_open2(decoder, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                "cannot open " + codec.name().getString() + " decoder for " + file);
        packet = av_packet_alloc();
        frame = av_frame_alloc();
    }

    /** Demuxer and codec, e.g. "ogg/opus", for messages. */
    String describe() {
        return formatName() + "/" + decoder.codec().name().getString();
    }

    /**
     * The duration the container declares in microseconds, or -1 if it declares none (or only
     * guesses it from the bitrate).
     */
    long declaredDurationUs() {
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            return stream.duration()
                    * 1_000_000L
                    * stream.time_base().num()
                    / stream.time_base().den();
        }
        if (input.duration() != AV_NOPTS_VALUE
                && input.duration() > 0
                && input.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE) {
            return input.duration() * 1_000_000L / AV_TIME_BASE;
        }
        return -1;
    }

    /** Decodes the whole stream, handing each frame to {@code handler}. */
    void decodeAll(FrameHandler handler) throws AudioCodecException {
        while (true) {
            int ret = av_read_frame(input, packet);
            if (ret == AVERROR_EOF) {
                break;
            }
            FfmpegErrors.check(ret, "cannot read " + file + " after " + position());
            try {
                if (packet.stream_index() == stream.index()) {
                    int sent = avcodec_send_packet(decoder, packet);
                    if (sent == AVERROR_INVALIDDATA && !strict) {
                        LOG.debug("skipping a damaged packet of {} at {}", file, position());
                    } else if (sent < 0) {
                        throw corrupt(sent);
                    }
                    receiveFrames(handler);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        FfmpegErrors.check(avcodec_send_packet(decoder, null), "cannot flush decoder of " + file);
        receiveFrames(handler);
    }

    private void receiveFrames(FrameHandler handler) throws AudioCodecException {
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret == FfmpegErrors.EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            if (ret == AVERROR_INVALIDDATA && !strict) {
                LOG.debug("skipping a damaged frame of {} at {}", file, position());
                return;
            }
            if (ret < 0) {
                throw corrupt(ret);
            }
            try {
                handler.accept(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private AudioCodecException corrupt(int code) {
        return FfmpegErrors.error(
                code, "corrupt audio in " + file + " (" + describe() + ") at " + position());
    }

    private String position() {
        long pts = packet.pts();
        if (pts == AV_NOPTS_VALUE) {
            return "byte " + packet.pos();
        }
        double seconds = pts * (double) stream.time_base().num() / stream.time_base().den();
        return String.format(java.util.Locale.ROOT, "%.3f s", seconds);
    }

    private String formatName() {
        return input.iformat() == null ? "?" : input.iformat().name().getString();
    }

    @Override
    public void close() {
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
        if (input != null) {
            avformat_close_input(input);
            input = null;
        }
    }
}
