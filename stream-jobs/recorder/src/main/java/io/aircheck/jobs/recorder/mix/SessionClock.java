package io.aircheck.jobs.recorder.mix;

/**
 * Maps the room clock (µs) of one session onto sample positions of the mix and onto the
 * fixed-length chunks the mix is cut into. Sample 0 is the session start; chunk k covers samples
 * [k*chunkSamples, (k+1)*chunkSamples).
 */
public record SessionClock(long startUs, int sampleRate, int chunkSamples) {

    public SessionClock {
        if (sampleRate <= 0 || chunkSamples <= 0) {
            throw new IllegalArgumentException("sampleRate and chunkSamples must be > 0");
        }
    }

    /** The sample position of a room-clock time (floor; negative before the start). */
    public long sampleAt(long timeUs) {
        return Math.floorDiv((timeUs - startUs) * sampleRate, 1_000_000L);
    }

    /** The room-clock time of a sample position. */
    public long timeOf(long sample) {
        return startUs + Math.floorDiv(sample * 1_000_000L, sampleRate);
    }

    public long chunkStartSample(long index) {
        return index * chunkSamples;
    }

    public long chunkStartUs(long index) {
        return timeOf(chunkStartSample(index));
    }

    public long chunkEndUs(long index) {
        return timeOf(chunkStartSample(index + 1));
    }

    /** How many chunks a session ending at {@code endUs} has (the last may be partial). */
    public long chunkCount(long endUs) {
        long samples = Math.max(0, sampleAt(endUs));
        return (samples + chunkSamples - 1) / chunkSamples;
    }

    /** Samples in chunk {@code index} of a session ending at {@code endUs} (full if open). */
    public int chunkLength(long index, long endUs) {
        if (endUs < 0) {
            return chunkSamples;
        }
        long end = Math.min(chunkStartSample(index + 1), Math.max(0, sampleAt(endUs)));
        return (int) Math.max(0, end - chunkStartSample(index));
    }

    public long durationUs(long samples) {
        return samples * 1_000_000L / sampleRate;
    }
}
