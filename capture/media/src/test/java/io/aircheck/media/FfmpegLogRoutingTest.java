package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** FFmpeg's own lines reach SLF4J at DEBUG on the logger "ffmpeg", and errors quote them. */
class FfmpegLogRoutingTest {

    @Test
    void ffmpegErrorsAreLoggedAtDebugAndQuotedInExceptions() throws Exception {
        byte[] flac =
                AudioEncoding.encode(Signals.sine(1000, 1.0, 48_000, 1, 0.5), AudioFormat.FLAC);
        for (int i = flac.length / 2; i < flac.length / 2 + 100; i++) {
            flac[i] ^= 0x33;
        }
        Capture capture = new Capture();
        Logger ffmpeg = (Logger) LogManager.getLogger("ffmpeg");
        Level before = ffmpeg.getLevel();
        capture.start();
        ffmpeg.addAppender(capture);
        ffmpeg.setLevel(Level.DEBUG);
        try {
            assertThatThrownBy(() -> new AudioFileReader().read(flac, 48_000, 1))
                    .isInstanceOf(AudioCodecException.class)
                    .hasMessageContaining("(ffmpeg: [flac @");
        } finally {
            ffmpeg.setLevel(before);
            ffmpeg.removeAppender(capture);
            capture.stop();
        }

        assertThat(capture.events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG))
                .anySatisfy(
                        e ->
                                assertThat(e.getMessage().getFormattedMessage())
                                        .startsWith("[error] [flac @"));
    }

    private static final class Capture extends AbstractAppender {
        final List<LogEvent> events = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
