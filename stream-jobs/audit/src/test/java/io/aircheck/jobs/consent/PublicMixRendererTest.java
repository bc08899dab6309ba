package io.aircheck.jobs.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.audit.SharedMemoryStore;
import io.aircheck.media.AudioEncoding;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.AudioFormat;
import io.aircheck.media.PcmAudio;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public copy holds everyone's voice but the withdrawn speaker's, in every format. */
class PublicMixRendererTest {
    static final long T0 = 1_790_000_000_000_000L;

    @BeforeEach
    void clean() {
        SharedMemoryStore.OBJECTS.clear();
    }

    /** alice: 440 Hz from 0 s to 3 s; bob: 1000 Hz from 1 s to 4 s; the room ran 4 s. */
    static SessionRecording room(SharedMemoryStore store) throws Exception {
        store.put(
                ObjectKeys.track("r", "s", "alice", "opus"),
                AudioEncoding.encode(Tones.tone(440, 3), AudioFormat.OGG_OPUS),
                "audio/ogg");
        store.put(
                ObjectKeys.track("r", "s", "bob", "opus"),
                AudioEncoding.encode(Tones.tone(1000, 3), AudioFormat.OGG_OPUS),
                "audio/ogg");
        return new SessionRecording(
                "r",
                "s",
                T0,
                T0 + 4_000_000,
                List.of(
                        new TrackRef(
                                ObjectKeys.track("r", "s", "alice", "opus"),
                                "alice",
                                T0,
                                3_000_000),
                        new TrackRef(
                                ObjectKeys.track("r", "s", "bob", "opus"),
                                "bob",
                                T0 + 1_000_000,
                                3_000_000)));
    }

    @Test
    void theWithdrawnSpeakerIsNotInThePublicCopyAndTheOthersAreWhereTheySpoke() throws Exception {
        SharedMemoryStore store = new SharedMemoryStore();
        SessionRecording recording = room(store);
        new PublicMixRenderer(store).render(recording, Set.of("bob"));

        for (String ext : List.of("opus", "m4a")) {
            PcmAudio mix =
                    new AudioFileReader()
                            .read(store.get(PublicMix.master("r", "s", ext)), 48_000, 1);
            assertThat(mix.frames()).as(ext).isBetween(4 * 48_000 - 10, 4 * 48_000 + 1100);
            short[] s = mix.samples();
            assertThat(Tones.level(s, 48_000, 2 * 48_000, 440))
                    .as(ext + ": alice speaks at 1-2 s")
                    .isGreaterThan(2000);
            assertThat(Tones.level(s, 0, 3 * 48_000, 1000))
                    .as(ext + ": bob is gone")
                    .isLessThan(60);
            assertThat(Tones.level(s, 3 * 48_000 + 2400, 4 * 48_000 - 2400, 440))
                    .as(ext + ": silence after alice")
                    .isLessThan(60);
        }
        // the HLS rendition: init + segments is a fragmented MP4 a decoder plays through
        ByteArrayOutputStream hls = new ByteArrayOutputStream();
        hls.writeBytes(store.get(PublicMix.prefix("r", "s") + "init.mp4"));
        String playlist =
                new String(
                        store.get(PublicMix.prefix("r", "s") + "vod.m3u8"), StandardCharsets.UTF_8);
        assertThat(playlist)
                .contains(
                        "#EXT-X-PLAYLIST-TYPE:VOD",
                        "seg-000000.m4s",
                        "seg-000001.m4s",
                        "#EXT-X-ENDLIST");
        playlist.lines()
                .filter(l -> l.endsWith(".m4s"))
                .forEach(l -> hls.writeBytes(store.get(PublicMix.prefix("r", "s") + l)));
        PcmAudio streamed = new AudioFileReader().read(hls.toByteArray(), 48_000, 1);
        assertThat(Tones.level(streamed.samples(), 0, 3 * 48_000, 1000)).isLessThan(60);
        assertThat(Tones.level(streamed.samples(), 48_000, 2 * 48_000, 440)).isGreaterThan(2000);

        String marker = new String(store.get(PublicMix.marker("r", "s")), StandardCharsets.UTF_8);
        assertThat(marker)
                .contains("\"withdrawn\":[\"bob\"]", "tracks/alice.opus")
                .doesNotContain("tracks/bob.opus");
        // the compliance copy is untouched: both tracks still there
        assertThat(store.stat(ObjectKeys.track("r", "s", "bob", "opus"))).isPresent();
    }
}
