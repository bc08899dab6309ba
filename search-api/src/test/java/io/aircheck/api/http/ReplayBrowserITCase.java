package io.aircheck.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.api.testing.ApiUnderTest;
import io.aircheck.api.testing.Fixtures;
import io.aircheck.api.testing.browser.Browser;
import io.aircheck.api.testing.browser.ChromiumBrowser;
import io.aircheck.api.testing.browser.FirefoxBrowser;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole way a person goes, in headless Chromium and Firefox: a room really recorded (espeak-ng
 * speech, encoded by FFmpeg into fMP4 HLS and an M4A master in the bucket, its transcript indexed),
 * a search for a phrase said in it, a click on the hit, and the player playing from that moment
 * with that segment marked.
 */
class ReplayBrowserITCase {
    private static final String[] SENTENCES = {
        "Good evening, this is the harbour master speaking.",
        "Tonight we discuss the old lighthouse keeper and his logbook.",
        "The storm of last winter broke the northern pier.",
        "Thank you all for listening, good night."
    };
    private static final String[] SPEAKERS = {"ines", "omar", "ines", "omar"};
    private static final Instant T0 = Instant.parse("2026-06-10T20:00:00Z");
    private static final long GAP_MS = 1_200;

    @TempDir static Path work;
    private static ApiUnderTest api;
    private static final List<Browser> BROWSERS = new ArrayList<>();
    private static final List<Segment> segments = new ArrayList<>();

    @BeforeAll
    static void recordARoom() throws Exception {
        api = ApiUnderTest.start("browser-it", true);
        long[] offsets = speak(work.resolve("room.wav"));
        long durationMs = offsets[offsets.length - 1];
        RoomDocument room =
                Fixtures.room(
                        "lighthouse",
                        "s1",
                        "Lighthouse evening",
                        "PUBLIC",
                        T0,
                        durationMs,
                        false,
                        "ines",
                        "Ines",
                        "omar",
                        "Omar");
        api.rooms(room);
        for (int i = 0; i < SENTENCES.length; i++) {
            segments.add(segment(room, i, offsets[i], offsets[i + 1] - GAP_MS));
        }
        api.segments(segments);
        Path hls = Files.createDirectories(work.resolve("hls"));
        run(
                hls,
                "ffmpeg",
                "-nostdin",
                "-loglevel",
                "error",
                "-i",
                work.resolve("room.wav").toString(),
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-ar",
                "48000",
                "-f",
                "hls",
                "-hls_time",
                "2",
                "-hls_playlist_type",
                "vod",
                "-hls_segment_type",
                "fmp4",
                "-hls_fmp4_init_filename",
                "init.mp4",
                "-hls_segment_filename",
                "seg-%06d.m4s",
                "vod.m3u8");
        try (Stream<Path> files = Files.list(hls)) {
            for (Path file : files.toList()) {
                api.store()
                        .put(
                                ObjectKeys.session("lighthouse", "s1")
                                        + "mix/"
                                        + file.getFileName(),
                                file,
                                file.toString().endsWith(".m3u8")
                                        ? "application/vnd.apple.mpegurl"
                                        : "audio/mp4");
            }
        }
        // the same recording as a room that is still live: an EVENT playlist without its end
        RoomDocument live =
                Fixtures.room(
                        "lighthouse-live",
                        "s1",
                        "Lighthouse live",
                        "PUBLIC",
                        T0,
                        durationMs,
                        true,
                        "ines",
                        "Ines",
                        "omar",
                        "Omar");
        api.rooms(live);
        String vod = Files.readString(hls.resolve("vod.m3u8"));
        try (Stream<Path> files = Files.list(hls)) {
            for (Path file : files.filter(f -> !f.toString().endsWith(".m3u8")).toList()) {
                api.store()
                        .put(
                                ObjectKeys.session("lighthouse-live", "s1")
                                        + "mix/"
                                        + file.getFileName(),
                                file,
                                "audio/mp4");
            }
        }
        api.store()
                .put(
                        ObjectKeys.livePlaylist("lighthouse-live", "s1"),
                        vod.replace("#EXT-X-ENDLIST", "")
                                .replace("PLAYLIST-TYPE:VOD", "PLAYLIST-TYPE:EVENT")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/vnd.apple.mpegurl");
        BROWSERS.add(ChromiumBrowser.start(work));
        BROWSERS.add(FirefoxBrowser.start(work));
    }

    @AfterAll
    static void stop() {
        BROWSERS.forEach(Browser::quit);
        if (api != null) {
            api.close();
        }
    }

    /**
     * Speaks the sentences with espeak-ng into one 16-bit mono WAV, a gap after each; returns their
     * offsets (ms) and the end.
     */
    private static long[] speak(Path target) throws Exception {
        ByteArrayPcm pcm = new ByteArrayPcm();
        long[] offsets = new long[SENTENCES.length + 1];
        int rate = 0;
        for (int i = 0; i < SENTENCES.length; i++) {
            Path wav = work.resolve("s" + i + ".wav");
            run(
                    work,
                    "espeak-ng",
                    "-v",
                    i % 2 == 0 ? "en" : "en-us",
                    "-s",
                    "150",
                    "-w",
                    wav.toString(),
                    SENTENCES[i]);
            byte[] bytes = Files.readAllBytes(wav);
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            rate = header.getInt(24);
            int data = dataOffset(bytes);
            offsets[i] = pcm.samples() * 1000L / rate;
            pcm.append(bytes, data, header.getInt(data - 4));
            pcm.silence(rate * GAP_MS / 1000);
        }
        offsets[SENTENCES.length] = pcm.samples() * 1000L / rate;
        pcm.writeWav(target, rate);
        return offsets;
    }

    private static int dataOffset(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                return pos + 8;
            }
            pos += 8 + size;
        }
        throw new IllegalStateException("no data chunk in espeak-ng's WAV");
    }

    private static Segment segment(RoomDocument room, int i, long startOffset, long endOffset) {
        long start = T0.toEpochMilli() + startOffset;
        long end = T0.toEpochMilli() + endOffset;
        String[] tokens = SENTENCES[i].split(" ");
        List<Word> words = new ArrayList<>();
        for (int w = 0; w < tokens.length; w++) {
            words.add(
                    new Word(
                            tokens[w].replaceAll("[,.]", ""),
                            start + (end - start) * w / tokens.length,
                            start + (end - start) * (w + 1) / tokens.length,
                            0.9));
        }
        return new Segment(
                "lh-" + i,
                "lighthouse",
                "s1",
                SPEAKERS[i],
                SPEAKERS[i].equals("ines") ? "Ines" : "Omar",
                start,
                end,
                SENTENCES[i],
                words,
                "PUBLIC",
                true,
                room.title());
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    static Stream<Named<Browser>> browsers() {
        return BROWSERS.stream().map(b -> Named.of(b.name(), b));
    }

    /** The player and the marked segment, as the page has them. */
    private static final String PLAYER_STATE =
            "const p = document.getElementById('player');"
                    + " if (!p) return {paused: true, ready: 0, time: 0, current: null, url: location.href};"
                    + " const cur = document.querySelector('li.segment.current');"
                    + " return {time: p.currentTime, paused: p.paused, ready: p.readyState, seeking: p.seeking,"
                    + " current: cur ? cur.getAttribute('data-segment') : null, url: location.href};";

    private static boolean isPlaying(Map<String, Object> s) {
        return !(Boolean) s.get("paused")
                && ((Number) s.get("ready")).intValue() >= 3
                && ((Number) s.get("time")).doubleValue() > 0
                && s.get("current") != null;
    }

    /**
     * Waits up to 20 s for the page's player state to satisfy {@code condition}; says what it was.
     */
    @SuppressWarnings("unchecked")
    private static void awaitState(
            Browser b, String what, java.util.function.Predicate<Map<String, Object>> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> state;
        do {
            state = (Map<String, Object>) b.js(PLAYER_STATE);
            if (condition.test(state)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < until);
        throw new AssertionError(b.name() + ": not within 20 s: " + what + "; the page: " + state);
    }

    private static double currentTime(Browser b) {
        return ((Number) b.js("return document.getElementById('player').currentTime"))
                .doubleValue();
    }

    @ParameterizedTest
    @MethodSource("browsers")
    void searchAPhraseClickTheHitAndThePlayerPlaysThatMoment(Browser b) {
        Segment spoken = segments.get(1);
        double phraseAt = (spoken.startMs() - T0.toEpochMilli()) / 1000.0;

        b.open(api.base() + "/");
        b.type("#q", "\"lighthouse keeper\"");
        b.click("#go");
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !b.texts("li.hit").isEmpty());
        assertThat(b.texts("li.hit").get(0)).contains("Omar", "Lighthouse evening");
        assertThat(b.texts("li.hit mark").get(0)).isEqualTo("lighthouse keeper");
        assertThat(b.texts("li.hit .context").get(0)).contains("harbour master");

        screenshot(b, "search.png");
        b.click("li.hit a.hit-link");

        @SuppressWarnings("unchecked")
        Map<String, Object> playing =
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(
                                () -> (Map<String, Object>) b.js(PLAYER_STATE),
                                ReplayBrowserITCase::isPlaying);
        double time = ((Number) playing.get("time")).doubleValue();
        assertThat(playing.get("url").toString()).contains("/rooms/lighthouse/s1?t=");
        assertThat(time)
                .as("playing at %s s, the phrase is at %s s", time, phraseAt)
                .isBetween(phraseAt - 0.5, phraseAt + 0.5);
        awaitState(b, "the phrase's segment marked", s -> "lh-1".equals(s.get("current")));
        // and it really plays on
        await().atMost(Duration.ofSeconds(10)).until(() -> currentTime(b) > time + 0.3);

        // a click on a word of another segment seeks there and marks it
        b.click("li.segment[data-segment='lh-2'] .word");
        awaitState(b, "the clicked word's segment marked", s -> "lh-2".equals(s.get("current")));
        double thirdAt = (segments.get(2).startMs() - T0.toEpochMilli()) / 1000.0;
        assertThat(currentTime(b)).isBetween(thirdAt - 0.5, thirdAt + 1.5);
        screenshot(b, "replay.png");
        // the speaker lanes: two speakers, with their turns
        assertThat(b.texts(".lane .name")).containsExactly("Ines", "Omar");
        assertThat(b.texts(".bar[data-speaker='omar']")).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("browsers")
    void aLiveRoomShowsItsBadgeAndJumpsToTheLiveEdge(Browser b) {
        b.open(api.base() + "/rooms/lighthouse-live/s1?t=1");
        await().atMost(Duration.ofSeconds(20)).until(() -> b.displayed("#live-badge"));
        assertThat(b.displayed("#jump-live")).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                (Boolean)
                                        b.js(
                                                "const p = document.getElementById('player'); return !p.paused && p.readyState >= 3;"));
        double rewound = currentTime(b);
        assertThat(rewound).as("DVR: a live room plays from where the link says").isLessThan(5);
        b.click("#jump-live");
        double end = (segments.get(segments.size() - 1).endMs() - T0.toEpochMilli()) / 1000.0;
        await().atMost(Duration.ofSeconds(20)).until(() -> currentTime(b) > end - 8);
        screenshot(b, "replay-live.png");
    }

    @ParameterizedTest
    @MethodSource("browsers")
    void thePagesFitAPhoneScreen(Browser b) {
        b.resize(390, 844);
        try {
            b.open(api.base() + "/?q=storm");
            await().atMost(Duration.ofSeconds(20)).until(() -> !b.texts("li.hit").isEmpty());
            assertThat(((Number) b.js("return window.innerWidth")).intValue())
                    .isLessThanOrEqualTo(400);
            assertThat(((Number) b.js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) b.js("return window.innerWidth")).intValue());
            b.open(api.base() + "/rooms/lighthouse/s1");
            await().atMost(Duration.ofSeconds(20)).until(() -> !b.texts("li.segment").isEmpty());
            assertThat(((Number) b.js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) b.js("return window.innerWidth")).intValue());
            screenshot(b, "replay-phone.png");
        } finally {
            b.resize(1200, 900);
        }
    }

    /** Keeps what the browser showed in target/screenshots, for a person to look at. */
    private static void screenshot(Browser b, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(b.name() + "-" + name), b.screenshot());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 16-bit mono PCM being assembled. */
    private static final class ByteArrayPcm {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void append(byte[] source, int offset, int length) {
            bytes.write(source, offset, Math.min(length, source.length - offset) & ~1);
        }

        void silence(long samples) {
            bytes.writeBytes(new byte[(int) samples * 2]);
        }

        long samples() {
            return bytes.size() / 2;
        }

        void writeWav(Path target, int rate) throws IOException {
            byte[] data = bytes.toByteArray();
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes())
                    .putInt(36 + data.length)
                    .put("WAVE".getBytes())
                    .put("fmt ".getBytes())
                    .putInt(16)
                    .putShort((short) 1)
                    .putShort((short) 1)
                    .putInt(rate)
                    .putInt(rate * 2)
                    .putShort((short) 2)
                    .putShort((short) 16)
                    .put("data".getBytes())
                    .putInt(data.length);
            Files.write(
                    target,
                    java.nio.ByteBuffer.allocate(44 + data.length)
                            .put(h.array())
                            .put(data)
                            .array());
        }
    }
}
