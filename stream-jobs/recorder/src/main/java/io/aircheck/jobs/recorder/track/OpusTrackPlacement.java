package io.aircheck.jobs.recorder.track;

import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.media.OpusPackets;
import java.util.ArrayList;
import java.util.List;

/**
 * Places an Opus track's packets, as they arrived, on the track's own timeline: packet after
 * packet, each where its room-clock timestamp says. A gap (packets lost on the way, a muted or
 * absent speaker) becomes zero-length lost frames of the gap's length (to 2.5 ms), which a decoder
 * conceals and fades to silence, so everything after the gap stays in sync with the mix without a
 * sample being invented. A packet that would overlap audio already placed by more than 10 ms is
 * left out of the track and counted. Pure.
 */
public final class OpusTrackPlacement {
    /** An overlap up to this (48 kHz samples) is sender jitter: the packet is appended. */
    static final int OVERLAP_TOLERANCE = 480;

    private OpusTrackPlacement() {}

    /** The packets to append, the frames left out, and the track after them. */
    public record Placement(TrackState track, List<byte[]> packets, List<Frame> dropped) {}

    /**
     * @param frames this track's frames of one chunk, in timestamp order
     */
    public static Placement place(TrackState track, List<Frame> frames) {
        List<byte[]> packets = new ArrayList<>();
        List<Frame> dropped = new ArrayList<>();
        long granule = track.granule();
        int toc = track.lastToc();
        long lost = 0;
        for (Frame frame : frames) {
            int samples = OpusPackets.samples(frame.payload());
            long at = Math.round((frame.timestampUs() - track.offsetUs()) * 0.048);
            long gap = at - granule;
            if (samples == 0 || gap < -OVERLAP_TOLERANCE) {
                dropped.add(frame);
                continue;
            }
            long fill =
                    Math.round(gap / (double) OpusPackets.MIN_FRAME_SAMPLES)
                            * OpusPackets.MIN_FRAME_SAMPLES;
            if (fill > 0) {
                packets.addAll(OpusPackets.lost(toc, fill));
                granule += fill;
                lost += fill;
            }
            packets.add(frame.payload());
            granule += samples;
            toc = frame.payload()[0] & 0xff;
        }
        return new Placement(track.placed(granule, toc, lost, dropped.size()), packets, dropped);
    }
}
