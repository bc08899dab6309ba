package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.Frame;

/**
 * What the mixer hands to the writer: a mixed chunk (48 kHz mono PCM, from {@code startUs}) with
 * the speakers' frames that start in it (for their own tracks), or the news that a session is
 * completely mixed ({@code chunkCount} chunks from {@code startUs} to {@code endUs}). The last
 * chunk of a session says so ({@code last}); it may be empty when the session ended exactly where
 * the previous chunk did.
 */
public record MixOutput(
        Kind kind,
        String roomId,
        String sessionId,
        long index,
        long startUs,
        long endUs,
        short[] pcm,
        long chunkCount,
        long sessionStartUs,
        boolean last,
        Frame[] trackFrames) {

    public enum Kind {
        CHUNK,
        SESSION_MIXED
    }

    static MixOutput chunk(
            String roomId,
            String sessionId,
            long index,
            long startUs,
            long endUs,
            short[] pcm,
            long sessionStartUs,
            boolean last,
            Frame[] trackFrames) {
        return new MixOutput(
                Kind.CHUNK,
                roomId,
                sessionId,
                index,
                startUs,
                endUs,
                pcm,
                0,
                sessionStartUs,
                last,
                trackFrames);
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
                chunkCount,
                startUs,
                true,
                new Frame[0]);
    }
}
