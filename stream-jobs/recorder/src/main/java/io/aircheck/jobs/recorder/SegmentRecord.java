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

    /** The session's live playlist from its segments. */
    static io.aircheck.jobs.recorder.hls.HlsPlaylist playlist(
            long startUs, java.util.List<SegmentRecord> segments) {
        java.util.List<io.aircheck.jobs.recorder.hls.HlsPlaylist.Segment> listed =
                new java.util.ArrayList<>();
        for (SegmentRecord s : segments) {
            String name = s.key().substring(s.key().lastIndexOf('/') + 1);
            listed.add(
                    new io.aircheck.jobs.recorder.hls.HlsPlaylist.Segment(
                            name, s.durationSamples(), MixEncoder.RATE));
        }
        return new io.aircheck.jobs.recorder.hls.HlsPlaylist("init.mp4", startUs, listed);
    }
}
