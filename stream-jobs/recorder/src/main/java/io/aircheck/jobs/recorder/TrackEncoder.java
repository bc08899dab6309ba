package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.track.OpusTrackPlacement;
import io.aircheck.jobs.recorder.track.PcmTrackPlan;
import io.aircheck.jobs.recorder.track.TrackState;
import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.OpusPackets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a speaker's frames of one chunk into packets of the speaker's own Ogg Opus track: Opus as
 * it arrived (placed on the track's timeline, gaps filled with lost frames), PCM encoded once, in
 * runs planned by {@link PcmTrackPlan}, by fresh encoders warmed up on the audio before.
 */
final class TrackEncoder {
    /** The rates libopus encodes natively; PCM at other rates is converted to 48 kHz. */
    private static final Set<Integer> OPUS_RATES = Set.of(8000, 12000, 16000, 24000, 48000);

    static final int WARMUP_PACKETS = 8;
    static final int BITRATE_PER_CHANNEL = 32_000;

    /** The packets for the track and the frames it left out. */
    record Encoded(TrackState track, List<byte[]> packets, List<Frame> dropped) {}

    /** A new track starting at its first frame. */
    static TrackState start(Frame first) {
        if (first.codec() == AudioCodec.OPUS) {
            return TrackState.start(
                    first.participantId(),
                    first.trackId(),
                    AudioCodec.OPUS,
                    first.sampleRate(),
                    first.channels(),
                    first.timestampUs(),
                    48_000,
                    0,
                    0);
        }
        int rate = OPUS_RATES.contains(first.sampleRate()) ? first.sampleRate() : 48_000;
        // libopus' look-ahead: 2.5 ms + 4 ms at any rate (OPUS_GET_LOOKAHEAD)
        int delay = rate / 400 + rate / 250;
        return TrackState.start(
                first.participantId(),
                first.trackId(),
                AudioCodec.PCM_S16LE,
                first.sampleRate(),
                Math.min(2, Math.max(1, first.channels())),
                first.timestampUs(),
                rate,
                delay,
                WARMUP_PACKETS);
    }

    /**
     * @param frames the track's frames of the chunk, in time order
     * @param untilUs the chunk's end on the room clock, or -1 when the session ends
     */
    Encoded encode(TrackState track, List<Frame> frames, long untilUs) {
        if (track.codec() == AudioCodec.OPUS) {
            OpusTrackPlacement.Placement placed = OpusTrackPlacement.place(track, frames);
            return new Encoded(placed.track(), placed.packets(), placed.dropped());
        }
        PcmTrackPlan.Plan plan = PcmTrackPlan.plan(track, frames, untilUs, WARMUP_PACKETS);
        List<byte[]> packets = new ArrayList<>();
        int toc = plan.track().lastToc();
        long lost = 0;
        for (PcmTrackPlan.Run run : plan.runs()) {
            if (run.kind() == PcmTrackPlan.Run.Kind.LOST) {
                long samples = (run.end() - run.first()) * 960;
                packets.addAll(OpusPackets.lost(toc, samples));
                lost += samples;
            } else {
                List<byte[]> encoded = encodeRun(plan.track(), run);
                packets.addAll(encoded);
                toc = encoded.get(encoded.size() - 1)[0] & 0xff;
            }
        }
        long granule = plan.track().granule();
        for (byte[] p : packets) {
            granule += OpusPackets.samples(p);
        }
        TrackState after = advanced(plan.track(), granule, toc, lost);
        return new Encoded(after, packets, List.of());
    }

    private static List<byte[]> encodeRun(TrackState track, PcmTrackPlan.Run run) {
        int packet = track.packetSamples();
        int channels = track.channels();
        long first = run.encoderStart() / packet;
        List<byte[]> kept = new ArrayList<>();
        try (OpusPacketEncoder encoder =
                new OpusPacketEncoder(
                        track.encoderRate(),
                        channels,
                        BITRATE_PER_CHANNEL * channels,
                        MixEncoder.OPUS_COMPLEXITY)) {
            for (long p = first; p < run.end(); p++) {
                byte[] made = encoder.encode(run.audio(), (int) ((p - first) * packet * channels));
                if (p >= run.first()) {
                    kept.add(made);
                }
            }
        }
        return kept;
    }

    private static TrackState advanced(TrackState track, long granule, int toc, long lost) {
        return new TrackState(
                track.participantId(),
                track.trackId(),
                track.codec(),
                track.sampleRate(),
                track.channels(),
                track.offsetUs(),
                granule,
                toc,
                track.lostSamples() + lost,
                track.droppedFrames(),
                track.encoderRate(),
                track.delay(),
                track.nextPacket(),
                track.bufferStart(),
                track.buffer(),
                track.written(),
                track.audioEnd());
    }
}
