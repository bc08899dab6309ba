package io.aircheck.storage.index;

import io.aircheck.storage.TranscriptDocument;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transcript segment's card: what a search hit or a context line shows of it, that is the whole
 * {@link TranscriptDocument} but its timed words. It lives in the {@code card} field of the {@code
 * transcripts} index, a binary field with doc values, so that searches read it straight from its
 * column ({@code docvalue_fields}) instead of decompressing and parsing each document's stored
 * {@code _source}. The bytes are a compact JSON array led by a format number; the index takes them
 * base64-encoded. Pure.
 */
public final class SegmentCard {
    /** The layout of the array; a reader refuses others. */
    static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SegmentCard() {}

    /** The card of a segment as the index takes it: base64 of the JSON array (words left out). */
    public static String toBase64(TranscriptDocument d) {
        return Base64.getEncoder().encodeToString(toJson(d));
    }

    static byte[] toJson(TranscriptDocument d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeNumber(FORMAT);
            g.writeString(d.segmentId());
            g.writeString(d.roomId());
            g.writeString(d.sessionId());
            g.writeString(d.participantId());
            g.writeString(d.speakerName());
            g.writeNumber(d.startMs());
            g.writeNumber(d.endMs());
            g.writeString(d.text());
            g.writeString(d.visibility());
            g.writeBoolean(d.consent());
            g.writeString(d.roomTitle());
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    /**
     * Reads a card as the index gives it back (base64): the segment without its words. Throws
     * IllegalArgumentException naming what is wrong when it is not a card of this format.
     */
    public static TranscriptDocument fromBase64(String base64) {
        byte[] json;
        try {
            json = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a segment card is not base64: " + e.getMessage());
        }
        return fromJson(json);
    }

    static TranscriptDocument fromJson(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken() == JsonToken.START_ARRAY, "not a JSON array");
            expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT, "no format number");
            int format = p.getIntValue();
            expect(format == FORMAT, "format " + format + ", this code reads " + FORMAT);
            String segmentId = required(p, "segment id");
            String roomId = required(p, "room id");
            String sessionId = required(p, "session id");
            TranscriptDocument d =
                    new TranscriptDocument(
                            segmentId, roomId, sessionId, string(p), string(p), number(p),
                            number(p), string(p), List.of(), string(p), bool(p), string(p));
            expect(p.nextToken() == JsonToken.END_ARRAY, "more fields than format " + FORMAT);
            return d;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "a segment card is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(JsonParser p, String what) {
        String value = string(p);
        expect(value != null, "no " + what);
        return value;
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
