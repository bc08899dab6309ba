package io.aircheck.jobs.recorder;

/**
 * What the mixer hands to the writer: a mixed chunk (48 kHz mono PCM), or the news that a session
 * is completely mixed ({@code chunkCount} chunks from {@code startUs} to {@code endUs}).
 */
public record MixOutput(
        Kind kind,
        String roomId,
        String sessionId,
        long index,
        long startUs,
        long endUs,
        short[] pcm,
        long chunkCount) {

    public enum Kind {
        CHUNK,
        SESSION_MIXED
    }

    static MixOutput chunk(String roomId, String sessionId, long index, long startUs, short[] pcm) {
        return new MixOutput(Kind.CHUNK, roomId, sessionId, index, startUs, -1, pcm, 0);
    }

    static MixOutput sessionMixed(
            String roomId, String sessionId, long startUs, long endUs, long chunkCount) {
        return new MixOutput(
                Kind.SESSION_MIXED,
                roomId,
                sessionId,
                -1,
                startUs,
                endUs,
                new short[0],
                chunkCount);
    }
}
