package io.aircheck.api.replay;

import java.util.Optional;

/**
 * One byte range of an object of known size, from an HTTP {@code Range} header (RFC 9110 §14.1.2):
 * {@code bytes=first-last}, {@code bytes=first-} and {@code bytes=-suffix}. Several ranges in one
 * header are answered with the whole object (allowed by the RFC).
 */
public record ByteRange(long first, long last, long size) {

    /** Thrown for a range that lies outside the object: the answer is 416. */
    public static final class Unsatisfiable extends Exception {
        public Unsatisfiable(String message) {
            super(message);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, for Content-Range. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range asked for, or empty when the whole object should be sent (no header, a header this
     * parser does not take, or several ranges).
     */
    public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.trim().startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        if (spec.contains(",")) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable("range " + header + " asks for no bytes of " + size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first >= size || first > last) {
                throw new Unsatisfiable("range " + header + " is outside the " + size + " bytes");
            }
            return Optional.of(new ByteRange(first, last, size));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
