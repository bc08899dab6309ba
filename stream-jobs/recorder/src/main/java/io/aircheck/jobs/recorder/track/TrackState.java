package io.aircheck.jobs.recorder.track;

import io.aircheck.jobs.recorder.mix.AudioCodec;

/**
 * Where one speaker's track of a session stands (Flink state, per track): what it is, where it
 * starts on the room clock, how many 48 kHz samples of packets it has so far, and for PCM input the
 * audio kept to warm the next chunk's encoder up. Pure value; updated by {@link OpusTrackPlacement}
 * and {@link PcmTrackPlan}.
 *
 * @param offsetUs room-clock time (µs since the epoch) of the track's first sample
 * @param granule 48 kHz samples of all packets so far (pre-skip included)
 * @param lastToc the table-of-contents byte of the last packet, -1 before the first
 * @param lostSamples 48 kHz samples filled with lost-frame packets (gaps)
 * @param droppedFrames frames left out because they overlapped audio already placed
 * @param encoderRate PCM: the rate the track is encoded at; Opus: 48000
 * @param delay PCM: the encoder's look-ahead in samples at {@code encoderRate}; Opus: 0
 * @param nextPacket PCM: the next 20 ms packet to emit, on the track's grid
 * @param bufferStart PCM: grid position of {@code buffer}'s first sample (may be negative)
 * @param buffer PCM: interleaved samples from {@code bufferStart}: the warm-up before {@code
 *     nextPacket} and whatever is known after it
 * @param written PCM: per grid sample of {@code buffer}, whether a frame supplied it
 * @param audioEnd PCM: grid position after the last sample any frame supplied
 */
public record TrackState(
        String participantId,
        String trackId,
        AudioCodec codec,
        int sampleRate,
        int channels,
        long offsetUs,
        long granule,
        int lastToc,
        long lostSamples,
        long droppedFrames,
        int encoderRate,
        int delay,
        long nextPacket,
        long bufferStart,
        short[] buffer,
        boolean[] written,
        long audioEnd) {

    /** A track whose first frame is at {@code offsetUs}. */
    public static TrackState start(
            String participantId,
            String trackId,
            AudioCodec codec,
            int sampleRate,
            int channels,
            long offsetUs,
            int encoderRate,
            int delay,
            int warmupFrames) {
        long bufferStart = -(long) warmupFrames * (encoderRate / 50);
        return new TrackState(
                participantId,
                trackId,
                codec,
                sampleRate,
                channels,
                offsetUs,
                0,
                -1,
                0,
                0,
                encoderRate,
                delay,
                0,
                bufferStart,
                new short[0],
                new boolean[0],
                0);
    }

    public String key() {
        return participantId + "/" + trackId;
    }

    /** Samples per channel of one 20 ms packet at the encoder rate. */
    public int packetSamples() {
        return encoderRate / 50;
    }

    /** The pre-skip in the track's Ogg header (48 kHz samples). */
    public int preSkip() {
        return (int) ((long) delay * 48_000 / encoderRate);
    }

    /** The granule the track's Ogg stream ends on: what to keep of the last packets. */
    public long finalGranule() {
        if (codec == AudioCodec.OPUS) {
            return granule;
        }
        return Math.min(granule, preSkip() + audioEnd * 48_000 / encoderRate);
    }

    /** The track's length in µs. */
    public long durationUs() {
        return (finalGranule() - preSkip()) * 1_000_000L / 48_000;
    }

    TrackState placed(long newGranule, int toc, long lost, long dropped) {
        return new TrackState(
                participantId,
                trackId,
                codec,
                sampleRate,
                channels,
                offsetUs,
                newGranule,
                toc,
                lostSamples + lost,
                droppedFrames + dropped,
                encoderRate,
                delay,
                nextPacket,
                bufferStart,
                buffer,
                written,
                audioEnd);
    }

    TrackState buffered(
            long newNextPacket,
            long newBufferStart,
            short[] newBuffer,
            boolean[] newWritten,
            long newAudioEnd) {
        return new TrackState(
                participantId,
                trackId,
                codec,
                sampleRate,
                channels,
                offsetUs,
                granule,
                lastToc,
                lostSamples,
                droppedFrames,
                encoderRate,
                delay,
                newNextPacket,
                newBufferStart,
                newBuffer,
                newWritten,
                newAudioEnd);
    }
}
