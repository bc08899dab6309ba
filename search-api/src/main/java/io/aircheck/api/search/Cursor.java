package io.aircheck.api.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a time-ordered walk through segments stopped: the last segment's start and id (the sort
 * keys). Opaque to clients: base64url of {@code startMs:segmentId}.
 */
public record Cursor(long startMs, String segmentId) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((startMs + ":" + segmentId).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor after(Segment segment) {
        return new Cursor(segment.startMs(), segment.segmentId());
    }

    /** Throws IllegalArgumentException for a cursor this API did not hand out. */
    public static Cursor decode(String text) {
        try {
            String plain =
                    new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new Cursor(
                    Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cursor '"
                            + text
                            + "' is not one this API handed out; use the value of the previous page's next cursor");
        }
    }
}
