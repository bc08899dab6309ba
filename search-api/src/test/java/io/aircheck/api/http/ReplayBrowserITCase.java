package io.aircheck.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aircheck.api.search.Segment;
import io.aircheck.api.search.Word;
import io.aircheck.api.testing.ApiUnderTest;
import io.aircheck.api.testing.Fixtures;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The whole way a person goes, in headless Chromium: a room really recorded (espeak-ng speech,
 * encoded by FFmpeg into fMP4 HLS and an M4A master in the bucket, its transcript indexed), a
 * search for a phrase said in it, a click on the hit, and the player playing from that moment with
 * that segment marked.
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
    private static ChromeDriver browser;
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
        browser = startBrowser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
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

    private static ChromeDriver startBrowser() throws IOException {
        Path driver = Path.of("/usr/bin/chromedriver");
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(driver) || !Files.isExecutable(chromium)) {
            throw new IllegalStateException(
                    "the browser test needs Debian's chromium and chromium-driver: run infra/bin/setup --browser (as root)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--autoplay-policy=no-user-gesture-required",
                "--mute-audio",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")),
                "--window-size=1200,900");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void searchAPhraseClickTheHitAndThePlayerPlaysThatMoment() {
        Segment spoken = segments.get(1);
        double phraseAt = (spoken.startMs() - T0.toEpochMilli()) / 1000.0;

        browser.get(api.base() + "/");
        WebElement box = browser.findElement(By.id("q"));
        box.sendKeys("\"lighthouse keeper\"");
        browser.findElement(By.id("go")).click();
        WebElement hit =
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(
                                () -> browser.findElements(By.cssSelector("li.hit")),
                                l -> !l.isEmpty())
                        .get(0);
        assertThat(hit.getText()).contains("Omar", "Lighthouse evening");
        assertThat(hit.findElement(By.cssSelector("mark")).getText())
                .isEqualTo("lighthouse keeper");
        assertThat(hit.findElements(By.cssSelector(".context")).get(0).getText())
                .contains("harbour master");

        screenshot("search.png");
        hit.findElement(By.cssSelector("a.hit-link")).click();

        @SuppressWarnings("unchecked")
        Map<String, Object> playing =
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(
                                () ->
                                        (Map<String, Object>)
                                                js(
                                                        "const p = document.getElementById('player');"
                                                                + "const cur = document.querySelector('li.segment.current');"
                                                                + "return {time: p.currentTime, paused: p.paused, ready: p.readyState,"
                                                                + " current: cur ? cur.getAttribute('data-segment') : null, url: location.href};"),
                                s ->
                                        !(Boolean) s.get("paused")
                                                && ((Number) s.get("ready")).intValue() >= 3
                                                && ((Number) s.get("time")).doubleValue() > 0
                                                && s.get("current") != null);
        double time = ((Number) playing.get("time")).doubleValue();
        assertThat(playing.get("url").toString()).contains("/rooms/lighthouse/s1?t=");
        assertThat(time)
                .as("playing at %s s, the phrase is at %s s", time, phraseAt)
                .isBetween(phraseAt - 0.5, phraseAt + 0.5);
        assertThat(playing.get("current")).isEqualTo("lh-1");
        // and it really plays on
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                ((Number)
                                                        js(
                                                                "return document.getElementById('player').currentTime"))
                                                .doubleValue()
                                        > time + 0.3);

        // a click on a word of another segment seeks there and marks it
        browser.findElement(By.cssSelector("li.segment[data-segment='lh-2'] .word")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                "lh-2"
                                        .equals(
                                                js(
                                                        "const c = document.querySelector('li.segment.current'); return c && c.getAttribute('data-segment');")));
        double thirdAt = (segments.get(2).startMs() - T0.toEpochMilli()) / 1000.0;
        assertThat(
                        ((Number) js("return document.getElementById('player').currentTime"))
                                .doubleValue())
                .isBetween(thirdAt - 0.5, thirdAt + 1.5);
        screenshot("replay.png");
        // the speaker lanes: two speakers, with their turns
        assertThat(browser.findElements(By.cssSelector(".lane .name")))
                .extracting(WebElement::getText)
                .containsExactly("Ines", "Omar");
        assertThat(browser.findElements(By.cssSelector(".bar[data-speaker='omar']"))).hasSize(2);
    }

    @Test
    void aLiveRoomShowsItsBadgeAndJumpsToTheLiveEdge() {
        browser.get(api.base() + "/rooms/lighthouse-live/s1?t=1");
        WebElement badge = browser.findElement(By.id("live-badge"));
        await().atMost(Duration.ofSeconds(20)).until(badge::isDisplayed);
        WebElement jump = browser.findElement(By.id("jump-live"));
        assertThat(jump.isDisplayed()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                (Boolean)
                                        js(
                                                "const p = document.getElementById('player'); return !p.paused && p.readyState >= 3;"));
        double rewound =
                ((Number) js("return document.getElementById('player').currentTime")).doubleValue();
        assertThat(rewound).as("DVR: a live room plays from where the link says").isLessThan(5);
        jump.click();
        double end = (segments.get(segments.size() - 1).endMs() - T0.toEpochMilli()) / 1000.0;
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                ((Number)
                                                        js(
                                                                "return document.getElementById('player').currentTime"))
                                                .doubleValue()
                                        > end - 8);
        screenshot("replay-live.png");
    }

    @Test
    void thePagesFitAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(api.base() + "/?q=storm");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !browser.findElements(By.cssSelector("li.hit")).isEmpty());
            assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
            browser.get(api.base() + "/rooms/lighthouse/s1");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !browser.findElements(By.cssSelector("li.segment")).isEmpty());
            assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
            screenshot("replay-phone.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1200, 900));
        }
    }

    /** Keeps what the browser showed in target/screenshots, for a person to look at. */
    private static void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(
                    dir.resolve(name),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
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
