package io.aircheck.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_TRACE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_VERBOSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the FFmpeg natives once per JVM and routes FFmpeg's own log lines to SLF4J at DEBUG on the
 * logger {@code ffmpeg} (never to stderr). The last error line of each thread is kept so that
 * exceptions can quote what FFmpeg said.
 */
final class FfmpegRuntime {

    private static final Logger FFMPEG_LOG = LoggerFactory.getLogger("ffmpeg");
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRuntime.class);
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();

    private FfmpegRuntime() {}

    /** Loads the natives (first call only; later calls cost nothing). */
    static void load() {
        Holder.touch();
    }

    /** FFmpeg's last error line on this thread since {@link #clearLastError()}, or null. */
    static String lastError() {
        return LAST_ERROR.get();
    }

    static void clearLastError() {
        LAST_ERROR.remove();
    }

    /** The lazy-holder idiom: the JVM runs this static initializer once, thread-safely. */
    private static final class Holder {
        private static final SlfLogCallback CALLBACK;

        static {
            long start = System.nanoTime();
            Loader.load(avutil.class);
            Loader.load(swresample.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            int level =
                    FFMPEG_LOG.isTraceEnabled()
                            ? AV_LOG_VERBOSE
                            : FFMPEG_LOG.isDebugEnabled() ? AV_LOG_INFO : AV_LOG_WARNING;
            CALLBACK = new SlfLogCallback(level);
            CALLBACK.retainReference();
            avutil.setLogCallback(CALLBACK);
            av_log_set_level(level);
            LOG.debug(
                    "FFmpeg {} loaded in {} ms",
                    avutil.av_version_info().getString(),
                    (System.nanoTime() - start) / 1_000_000);
        }

        static void touch() {}
    }

    /** Called by FFmpeg on whatever thread logs; must never throw. */
    private static final class SlfLogCallback extends LogCallback {
        private final int maxLevel;

        SlfLogCallback(int maxLevel) {
            this.maxLevel = Math.min(maxLevel, AV_LOG_TRACE);
        }

        @Override
        public void call(int level, BytePointer message) {
            if (level > maxLevel) {
                return;
            }
            try {
                String line = message.getString().strip();
                if (line.isEmpty()) {
                    return;
                }
                if (level <= AV_LOG_ERROR) {
                    LAST_ERROR.set(line);
                }
                FFMPEG_LOG.debug("[{}] {}", levelName(level), line);
            } catch (RuntimeException e) {
                // a log line is never worth crashing a native thread for
            }
        }

        private static String levelName(int level) {
            if (level <= AV_LOG_ERROR) {
                return "error";
            }
            return level <= AV_LOG_WARNING ? "warning" : level <= AV_LOG_INFO ? "info" : "debug";
        }
    }
}
