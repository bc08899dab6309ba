package io.aircheck.storage.index;

import java.util.List;

/** The project's indexes, at the versions this code writes. */
public final class Indexes {
    /** One document per room session. */
    public static final IndexDefinition ROOMS =
            new IndexDefinition("rooms", 1, "io/aircheck/storage/index/rooms-v1.json");

    /** One document per transcript segment. */
    public static final IndexDefinition TRANSCRIPTS =
            new IndexDefinition("transcripts", 1, "io/aircheck/storage/index/transcripts-v1.json");

    public static final List<IndexDefinition> ALL = List.of(ROOMS, TRANSCRIPTS);

    private Indexes() {}
}
