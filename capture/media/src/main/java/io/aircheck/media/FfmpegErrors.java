package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/**
 * Turns FFmpeg's negative return codes into {@link AudioCodecException}s with FFmpeg's own text.
 */
final class FfmpegErrors {

    /** {@code AVERROR(EAGAIN)} on Linux (the natives are linux-x86_64 only). */
    static final int EAGAIN = -11;

    private static final int EIO = -5;
    private static final int ENOSPC = -28;
    private static final int ETIMEDOUT = -110;

    private FfmpegErrors() {}

    /**
     * {@code av_strerror}'s text for an error code, e.g. "Invalid data found when processing
     * input".
     */
    static String describe(int code) {
        byte[] buffer = new byte[256];
        if (av_strerror(code, buffer, buffer.length) < 0) {
            return "FFmpeg error " + code;
        }
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** I/O conditions that may pass; bad data and unsupported formats never do. */
    static boolean retriable(int code) {
        return code == EIO || code == ENOSPC || code == ETIMEDOUT || code == EAGAIN;
    }

    /**
     * Returns {@code ret} when it is not an error, else throws "{what}: {FFmpeg text} ({last log
     * line})".
     */
    static int check(int ret, String what) throws AudioCodecException {
        if (ret < 0) {
            throw error(ret, what);
        }
        return ret;
    }

    static AudioCodecException error(int code, String what) {
        String detail = FfmpegRuntime.lastError();
        String message = what + ": " + describe(code);
        if (detail != null && !message.contains(detail)) {
            message += " (ffmpeg: " + detail + ")";
        }
        return new AudioCodecException(message, retriable(code), null);
    }
}
