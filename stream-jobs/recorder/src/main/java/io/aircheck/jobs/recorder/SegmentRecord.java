package io.aircheck.jobs.recorder;

/**
 * A live HLS segment as written (Flink state, per room, one per chunk): for the playlist, the
 * manifest and its event.
 *
 * @param durationSamples samples at 48 kHz it presents
 * @param startUs room-clock time of its first presented sample
 */
public record SegmentRecord(
        long index, String key, long sizeBytes, String sha256, long durationSamples, long startUs) {

    long durationUs() {
        return durationSamples * 1_000_000L / MixEncoder.RATE;
    }
}
