package io.aircheck.storage.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final long T0 = 1_764_000_000_000_000L;

    private static String sha(String s) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ManifestEntry> entries() throws Exception {
        return List.of(
                new ManifestEntry(
                        "rooms/r/s/mix/init.mp4",
                        "init",
                        "video/mp4",
                        700,
                        0,
                        T0,
                        "",
                        "",
                        sha("init")),
                new ManifestEntry(
                        "rooms/r/s/mix/seg-000000.m4s",
                        "segment",
                        "video/iso.segment",
                        33_000,
                        4_010_667,
                        T0,
                        null,
                        null,
                        sha("seg0")),
                new ManifestEntry(
                        "rooms/r/s/tracks/alice.opus",
                        "track",
                        "audio/ogg",
                        90_000,
                        7_120_000,
                        T0 + 1_370_000,
                        "alice",
                        "mic",
                        sha("alice")));
    }

    @Test
    void eachLinkHashesThePreviousLinkAndTheEntry() throws Exception {
        Manifest m = Manifest.of("r", "s", T0, T0 + 9_000_000, entries());

        String genesis = sha("aircheck-manifest/1\nr\ns\n" + T0);
        assertThat(m.genesis()).isEqualTo(genesis);
        String first =
                sha(
                        genesis
                                + "\n"
                                + "rooms/r/s/mix/init.mp4\tinit\tvideo/mp4\t700\t0\t"
                                + T0
                                + "\t\t\t"
                                + sha("init"));
        assertThat(m.links().get(0)).isEqualTo(first);
        assertThat(m.links().get(1)).isEqualTo(sha(first + "\n" + m.entries().get(1).canonical()));
        assertThat(m.head()).isEqualTo(m.links().get(2));
        assertThat(m.verify()).isEmpty();
        assertThat(m.entry("rooms/r/s/tracks/alice.opus"))
                .get()
                .extracting(ManifestEntry::participantId)
                .isEqualTo("alice");
    }

    @Test
    void anyChangeToAnEntryOrTheOrderBreaksTheChainFromThere() throws Exception {
        Manifest m = Manifest.of("r", "s", T0, T0 + 9_000_000, entries());
        List<ManifestEntry> changed = new ArrayList<>(m.entries());
        ManifestEntry seg = changed.get(1);
        changed.set(
                1,
                new ManifestEntry(
                        seg.key(),
                        seg.kind(),
                        seg.contentType(),
                        seg.sizeBytes() + 1,
                        seg.durationUs(),
                        seg.startUs(),
                        "",
                        "",
                        seg.sha256()));
        Manifest tampered = new Manifest("r", "s", T0, T0 + 9_000_000, changed, m.links());
        assertThat(tampered.verify())
                .singleElement()
                .asString()
                .startsWith("entry 1 (rooms/r/s/mix/seg-000000.m4s)");

        List<ManifestEntry> swapped = new ArrayList<>(m.entries());
        java.util.Collections.swap(swapped, 0, 1);
        assertThat(new Manifest("r", "s", T0, 0, swapped, m.links()).verify()).hasSize(2);
        // a rebuilt chain over altered entries has another head
        assertThat(Manifest.of("r", "s", T0, 0, changed).head()).isNotEqualTo(m.head());
        // the same entries in another session chain differently
        assertThat(Manifest.of("r", "s2", T0, 0, m.entries()).head()).isNotEqualTo(m.head());
    }

    @Test
    void jsonIsDeterministicAndReadsBack() throws Exception {
        Manifest m = Manifest.of("r", "s", T0, T0 + 9_000_000, entries());
        String json = ManifestJson.write(m);
        assertThat(ManifestJson.write(Manifest.of("r", "s", T0, T0 + 9_000_000, entries())))
                .isEqualTo(json);
        assertThat(json)
                .contains("\"format\": \"aircheck-manifest/1\"", "\"head\": \"" + m.head() + "\"");

        Manifest back = ManifestJson.read(json);
        assertThat(back).isEqualTo(m);
        assertThat(back.verify()).isEmpty();
        assertThat(
                        ManifestJson.read(
                                        ManifestJson.write(
                                                Manifest.of("r", "s", T0, T0, List.of())))
                                .entries())
                .isEmpty();
    }

    @Test
    void readingRefusesWhatIsNotAnIntactManifest() throws Exception {
        String json = ManifestJson.write(Manifest.of("r", "s", T0, T0, entries()));
        assertThatThrownBy(() -> ManifestJson.read("{not json"))
                .hasMessageStartingWith("manifest is not JSON");
        assertThatThrownBy(() -> ManifestJson.read("{\"format\": \"other\"}"))
                .hasMessageContaining("not an aircheck-manifest/1");
        String otherHead =
                json.replaceAll("\"head\": \"[0-9a-f]+\"", "\"head\": \"" + "0".repeat(64) + "\"");
        assertThatThrownBy(() -> ManifestJson.read(otherHead))
                .hasMessageContaining("is not its last link");
    }

    @Test
    void entriesRefuseAmbiguousFields() {
        assertThatThrownBy(
                        () ->
                                new ManifestEntry(
                                        "k\tx",
                                        "track",
                                        "audio/ogg",
                                        1,
                                        1,
                                        0,
                                        "",
                                        "",
                                        "0".repeat(64)))
                .hasMessageContaining("control character");
        assertThatThrownBy(
                        () -> new ManifestEntry("k", "track", "audio/ogg", 1, 1, 0, "", "", "ABC"))
                .hasMessageContaining("64 hex digits");
        assertThat(ManifestJson.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }
}
