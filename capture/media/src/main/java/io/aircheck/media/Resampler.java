package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_get_bytes_per_sample;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One libswresample context: sample format, rate and channel conversion (including down-mixing)
 * between two fixed audio formats. Keeps its own output buffer, valid until the next call.
 */
final class Resampler implements AutoCloseable {

    private final int inFormat;
    private final int inRate;
    private final int inChannels;
    private final int outFormat;
    private final int outChannels;
    private final int outRate;
    private SwrContext swr;
    private BytePointer[] planes = new BytePointer[0];
    private PointerPointer<BytePointer> planePointers;
    private int capacity;

    Resampler(
            AVChannelLayout inLayout,
            int inFormat,
            int inRate,
            int outChannels,
            int outFormat,
            int outRate)
            throws AudioCodecException {
        this.inFormat = inFormat;
        this.inRate = inRate;
        this.inChannels = inLayout.nb_channels();
        this.outFormat = outFormat;
        this.outChannels = outChannels;
        this.outRate = outRate;
        AVChannelLayout in = usableLayout(inLayout);
        AVChannelLayout out = defaultLayout(outChannels);
        try {
            SwrContext context = new SwrContext(null);
            FfmpegErrors.check(
                    swr_alloc_set_opts2(
                            context, out, outFormat, outRate, in, inFormat, inRate, 0, null),
                    "cannot set up resampling " + describe());
            swr = context;
            FfmpegErrors.check(swr_init(swr), "cannot start resampling " + describe());
        } catch (AudioCodecException e) {
            close();
            throw e;
        } finally {
            av_channel_layout_uninit(in);
            av_channel_layout_uninit(out);
            in.close();
            out.close();
        }
    }

    /** A channel layout of {@code channels} in FFmpeg's default order (mono, stereo, ...). */
    static AVChannelLayout defaultLayout(int channels) {
        AVChannelLayout layout = new AVChannelLayout();
        av_channel_layout_default(layout, channels);
        return layout;
    }

    /** Whether this converter takes input in exactly this shape. */
    boolean accepts(AVChannelLayout layout, int format, int rate) {
        return layout.nb_channels() == inChannels && format == inFormat && rate == inRate;
    }

    /**
     * Converts {@code samples} per channel from {@code in} (one pointer per plane, or one for
     * interleaved data); returns how many samples per channel are now in {@link #output()}.
     */
    int convert(PointerPointer<?> in, int samples) throws AudioCodecException {
        int room = swr_get_out_samples(swr, samples);
        ensureCapacity(Math.max(room, 1));
        int produced = swr_convert(swr, planePointers, capacity, in, samples);
        return FfmpegErrors.check(produced, "resampling " + describe() + " failed");
    }

    /** Drains what the resampler still holds (its filter delay); call once at the end. */
    int flush() throws AudioCodecException {
        return convert(null, 0);
    }

    /** The converted samples, one pointer per plane (one for interleaved formats). */
    PointerPointer<BytePointer> output() {
        return planePointers;
    }

    /** The first (for interleaved formats, only) plane of the output. */
    BytePointer firstPlane() {
        return planes[0];
    }

    private void ensureCapacity(int samples) {
        if (samples <= capacity) {
            return;
        }
        int newCapacity = Math.max(samples, capacity * 2);
        boolean planar = av_sample_fmt_is_planar(outFormat) != 0;
        int planeCount = planar ? outChannels : 1;
        long bytes =
                (long) newCapacity
                        * av_get_bytes_per_sample(outFormat)
                        * (planar ? 1 : outChannels);
        releasePlanes();
        planes = new BytePointer[planeCount];
        for (int i = 0; i < planeCount; i++) {
            planes[i] = new BytePointer(bytes);
        }
        planePointers = new PointerPointer<>(planes);
        capacity = newCapacity;
    }

    private static AVChannelLayout usableLayout(AVChannelLayout layout) {
        // decoders of e.g. WAV without a channel mask report an unspecified order, which swr
        // rejects
        if (layout.order() == AV_CHANNEL_ORDER_UNSPEC) {
            return defaultLayout(layout.nb_channels());
        }
        AVChannelLayout copy = new AVChannelLayout();
        av_channel_layout_copy(copy, layout);
        return copy;
    }

    private String describe() {
        return inChannels + " ch " + inRate + " Hz -> " + outChannels + " ch " + outRate + " Hz";
    }

    private void releasePlanes() {
        for (BytePointer plane : planes) {
            plane.close();
        }
        if (planePointers != null) {
            planePointers.close();
        }
        planes = new BytePointer[0];
        planePointers = null;
        capacity = 0;
    }

    @Override
    public void close() {
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        releasePlanes();
    }
}
