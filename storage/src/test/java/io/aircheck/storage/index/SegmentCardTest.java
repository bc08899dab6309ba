package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.storage.TranscriptDocument;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentCardTest {
    private static final TranscriptDocument SEGMENT =
            new TranscriptDocument(
                    "seg-1",
                    "room-1",
                    "s1",
                    "p-ana",
                    "Ana \"the host\" Ruiz",
                    1_750_000_000_123L,
                    1_750_000_004_567L,
                    "naïve café, 50 % — \\n and \"quotes\" 🎙",
                    List.of(
                            new TranscriptDocument.Word(
                                    "naïve", 1_750_000_000_123L, 1_750_000_000_400L, 0.9)),
                    "PUBLIC",
                    true,
                    "Morning show");

    @Test
    void aCardReadsBackAsTheSegmentWithoutItsWords() {
        TranscriptDocument read = SegmentCard.fromBase64(SegmentCard.toBase64(SEGMENT));
        assertThat(read.words()).isEmpty();
        assertThat(read).usingRecursiveComparison().ignoringFields("words").isEqualTo(SEGMENT);
    }

    @Test
    void missingNamesAndTitlesStayMissing() {
        TranscriptDocument bare =
                new TranscriptDocument(
                        "seg-2", "room-1", "s1", "p-9", null, 5, 7, "", List.of(), "PRIVATE", false,
                        null);
        assertThat(SegmentCard.fromBase64(SegmentCard.toBase64(bare))).isEqualTo(bare);
    }

    @Test
    void theBytesAreACompactJsonArrayLedByTheFormatWithoutTheWords() {
        String json = new String(SegmentCard.toJson(SEGMENT), StandardCharsets.UTF_8);
        assertThat(json).startsWith("[1,\"seg-1\",\"room-1\",\"s1\",");
        assertThat(json).doesNotContain(" ,").doesNotContain(": ").doesNotContain("0.9");
    }

    @Test
    void whatIsNotACardIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SegmentCard.fromBase64("%%%"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("{\"a\":1}")))
                .hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("[2,\"x\"]")))
                .hasMessageContaining("format 2");
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("[1,\"x\",\"r\"]")))
                .hasMessageContaining("not a segment card");
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("[1,null,\"r\",\"s\"]")))
                .hasMessageContaining("no segment id");
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("[1,\"x\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
