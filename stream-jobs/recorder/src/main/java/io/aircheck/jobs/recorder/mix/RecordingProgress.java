package io.aircheck.jobs.recorder.mix;

/**
 * Where the recording of a room's current session stands: which chunk is mixed next, how far the
 * room clock has got (the latest frame end or clock mark seen), and the limiter's gain at the end
 * of the last mixed chunk.
 *
 * @param endUs the session's end once capture marked it, else -1
 */
public record RecordingProgress(
        String sessionId,
        long startUs,
        long endUs,
        long nextChunk,
        long progressUs,
        double limiterGain) {

    public static RecordingProgress start(String sessionId, long startUs) {
        return new RecordingProgress(sessionId, startUs, -1, 0, startUs, 1.0);
    }

    public boolean ended() {
        return endUs >= 0;
    }

    public RecordingProgress advancedTo(long timeUs) {
        return timeUs <= progressUs
                ? this
                : new RecordingProgress(sessionId, startUs, endUs, nextChunk, timeUs, limiterGain);
    }

    public RecordingProgress endedAt(long timeUs) {
        long end = Math.max(timeUs, startUs);
        return new RecordingProgress(
                sessionId, startUs, end, nextChunk, Math.max(progressUs, end), limiterGain);
    }

    public RecordingProgress chunkMixed(double gainAfter) {
        return new RecordingProgress(
                sessionId, startUs, endUs, nextChunk + 1, progressUs, gainAfter);
    }

    /** The room-clock time up to which audio is mixed; earlier frames come too late. */
    public long mixedUpToUs(SessionClock clock) {
        return clock.chunkStartUs(nextChunk);
    }

    /**
     * Whether the next chunk can be mixed: the session ended past its start, or the room clock is a
     * full jitter allowance past its end (no frame for it can still be on its way).
     */
    public boolean nextChunkReady(SessionClock clock, long allowanceUs) {
        if (ended()) {
            return nextChunk < clock.chunkCount(endUs);
        }
        return progressUs >= clock.chunkEndUs(nextChunk) + allowanceUs;
    }
}
