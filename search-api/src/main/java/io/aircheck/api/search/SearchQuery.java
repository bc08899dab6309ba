package io.aircheck.api.search;

import java.time.Instant;

/**
 * A transcript search: the text, filters (speaker id or name, room, session, when it was said, live
 * or ended rooms), the order and the page. Paging is bounded: {@code size} 1..{@value #MAX_SIZE},
 * {@code page * size} at most {@value #MAX_WINDOW} (the export pages further with a cursor).
 */
public record SearchQuery(
        SearchText text,
        String speaker,
        String roomId,
        String sessionId,
        Instant since,
        Instant until,
        Boolean live,
        Sort sort,
        int page,
        int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_WINDOW = 10_000;

    public SearchQuery {
        text = text == null ? SearchText.EMPTY : text;
        sort = sort == null ? (text.isEmpty() ? Sort.NEWEST : Sort.RELEVANCE) : sort;
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", not " + size);
        }
        if ((long) page * size > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "page "
                            + page
                            + " of size "
                            + size
                            + " is past the first "
                            + MAX_WINDOW
                            + " hits; narrow the search, or page through all hits with /api/export");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException(
                    "since (" + since + ") must be before until (" + until + ")");
        }
    }

    /** Index of the first hit of the page, from 0. */
    public int offset() {
        return (page - 1) * size;
    }
}
