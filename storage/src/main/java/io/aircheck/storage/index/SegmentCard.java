package io.aircheck.storage.index;

import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a search hit or a context line shows of a transcript segment (everything but its timed
 * words), packed into the {@code card} field of the {@code transcripts} index: a binary field with
 * doc values, so that searches read it straight from its column ({@code docvalue_fields}) instead
 * of decompressing and parsing each document's stored {@code _source}. The bytes are a compact JSON
 * array led by a format number; the index takes them base64-encoded. Pure.
 */
public record SegmentCard(
        String segmentId,
        String roomId,
        String sessionId,
        String participantId,
        String speakerName,
        long startMs,
        long endMs,
        String text,
        String visibility,
        boolean consent,
        String roomTitle) {
    /** The layout of the array; a reader refuses others. */
    static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The card as the index takes it: base64 of the JSON array. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toJson());
    }

    byte[] toJson() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeNumber(FORMAT);
            g.writeString(segmentId);
            g.writeString(roomId);
            g.writeString(sessionId);
            g.writeString(participantId);
            g.writeString(speakerName);
            g.writeNumber(startMs);
            g.writeNumber(endMs);
            g.writeString(text);
            g.writeString(visibility);
            g.writeBoolean(consent);
            g.writeString(roomTitle);
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    /**
     * Reads a card as the index gives it back (base64). Throws IllegalArgumentException naming what
     * is wrong when it is not a card of this format.
     */
    public static SegmentCard fromBase64(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a segment card is not base64: " + e.getMessage());
        }
        return fromJson(json);
    }

    static SegmentCard fromJson(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken() == JsonToken.START_ARRAY, "not a JSON array");
            expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT, "no format number");
            int format = p.getIntValue();
            expect(format == FORMAT, "format " + format + ", this code reads " + FORMAT);
            SegmentCard card =
                    new SegmentCard(
                            string(p), string(p), string(p), string(p), string(p), number(p),
                            number(p), string(p), string(p), bool(p), string(p));
            expect(p.nextToken() == JsonToken.END_ARRAY, "more fields than format " + FORMAT);
            return card;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(
                    "a segment card is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String string(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t == JsonToken.VALUE_STRING, "expected a string, found " + t);
        return p.getString();
    }

    private static long number(JsonParser p) {
        expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT, "expected a whole number");
        return p.getLongValue();
    }

    private static boolean bool(JsonParser p) {
        JsonToken t = p.nextToken();
        expect(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE, "expected true or false");
        return t == JsonToken.VALUE_TRUE;
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("not a segment card: " + problem);
        }
    }
}
