package io.aircheck.jobs.recorder.mix;

/**
 * How a stream of fixed-size codec packets (Opus 960, AAC 1,024 samples) is cut into the mix's
 * chunks so that each chunk can be encoded on its own, by a fresh encoder, and the packets of all
 * chunks still join into one continuous stream. Pure arithmetic, so that a chunk encoded after a
 * restore is the chunk an uninterrupted run encodes.
 *
 * <p>Packet {@code g} of the continuous stream is the one a single encoder started at sample 0
 * would emit {@code g}-th. An encoder started at sample {@code s} (a multiple of the frame size)
 * emits that same packet as its {@code g - s/frame}-th, up to encoder state: so chunk {@code k}'s
 * encoder starts {@code warmupFrames} before {@link #firstPacket(long) its first packet} (on audio
 * the previous chunk kept for it), which puts its state close enough to an uninterrupted encoder's
 * that the joins are inaudible, and keeps packets [{@code firstPacket(k)}, {@code
 * firstPacket(k+1)}). A packet needs input up to {@code lagFrames} frames past its own, so a
 * chunk's last packets wait for the next chunk.
 *
 * @param frameSamples samples per packet
 * @param chunkSamples samples per chunk of the mix
 * @param lagFrames frames a packet's encoding reaches past the frame it presents
 * @param warmupFrames frames fed to a fresh encoder before the first packet it keeps
 * @param primingFrames frames of the encoder's priming, presented before sample 0 (AAC 1, Opus 0:
 *     Opus' priming is the stream's pre-skip, not a whole frame)
 */
public record PacketPlan(
        int frameSamples, int chunkSamples, int lagFrames, int warmupFrames, int primingFrames) {

    public PacketPlan {
        if (frameSamples <= 0
                || chunkSamples < frameSamples * (lagFrames + 1)
                || lagFrames < 0
                || warmupFrames < 0
                || primingFrames < 0) {
            throw new IllegalArgumentException("bad packet plan " + this);
        }
    }

    /** The first packet chunk {@code index} emits. */
    public long firstPacket(long index) {
        return Math.max(0, index * chunkSamples / frameSamples - (index == 0 ? 0 : lagFrames));
    }

    /** The sample at which chunk {@code index}'s encoder starts (its warm-up included). */
    public long encoderStart(long index) {
        return Math.max(0, (firstPacket(index) - warmupFrames) * frameSamples);
    }

    /** The index, in a fresh encoder's output, of the first packet chunk {@code index} keeps. */
    public int packetsToSkip(long index) {
        return (int) (firstPacket(index) - encoderStart(index) / frameSamples);
    }

    /** Samples before a chunk's start that its encoder needs: the previous chunk keeps these. */
    public int tailSamples() {
        return (lagFrames + warmupFrames + 1) * frameSamples;
    }

    /**
     * Samples a non-final chunk's packets present, in stream order: where chunk {@code index}
     * starts.
     */
    public long presentedStart(long index) {
        return index == 0 ? 0 : (firstPacket(index) - primingFrames) * frameSamples;
    }
}
