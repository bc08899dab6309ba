package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SegmentCardTest {
    private static final SegmentCard CARD =
            new SegmentCard(
                    "seg-1",
                    "room-1",
                    "s1",
                    "p-ana",
                    "Ana \"the host\" Ruiz",
                    1_750_000_000_123L,
                    1_750_000_004_567L,
                    "naïve café, 50 % — \\n and \"quotes\" 🎙",
                    "PUBLIC",
                    true,
                    "Morning show");

    @Test
    void aCardReadsBackAsItWasWritten() {
        assertThat(SegmentCard.fromBase64(CARD.toBase64())).isEqualTo(CARD);
    }

    @Test
    void missingNamesAndTitlesStayMissing() {
        SegmentCard bare =
                new SegmentCard(
                        "seg-2", "room-1", "s1", "p-9", null, 5, 7, "", "PRIVATE", false, null);
        assertThat(SegmentCard.fromBase64(bare.toBase64())).isEqualTo(bare);
    }

    @Test
    void theBytesAreACompactJsonArrayLedByTheFormat() {
        String json = new String(CARD.toJson(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("[1,\"seg-1\",\"room-1\",\"s1\",");
        assertThat(json).doesNotContain(" ,").doesNotContain(": ");
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
        assertThatThrownBy(() -> SegmentCard.fromBase64(b64("[1,\"x\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
