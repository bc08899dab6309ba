package io.aircheck.storage;

/**
 * A JSON object written field by field in the caller's order, on one line, with one spelling of
 * every value: so the same content always gives the same bytes, which is what a hash chain or a
 * signature covers. Strings are escaped minimally (quote, backslash, control characters); numbers
 * are decimal; null is {@code null}. Pure.
 *
 * <pre>
 * String line = new CanonicalJson().field("seq", 3).field("actor", "ann").toString();
 * // {"seq":3,"actor":"ann"}
 * </pre>
 */
public final class CanonicalJson {
    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    public CanonicalJson field(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    public CanonicalJson field(String name, long value) {
        return raw(name, Long.toString(value));
    }

    public CanonicalJson field(String name, Long value) {
        return raw(name, value == null ? "null" : Long.toString(value));
    }

    public CanonicalJson field(String name, Boolean value) {
        return raw(name, value == null ? "null" : value.toString());
    }

    /** A field whose value is already JSON text (an object or array written canonically). */
    public CanonicalJson raw(String name, String json) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append(quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    /** A JSON array of strings, canonically. */
    public static String array(java.util.List<String> values) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            a.append(i == 0 ? "" : ",").append(quote(values.get(i)));
        }
        return a.append(']').toString();
    }

    public static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
