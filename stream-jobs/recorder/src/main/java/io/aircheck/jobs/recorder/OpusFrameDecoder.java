package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.UndecodableFrameException;
import io.aircheck.media.AudioCodecException;
import io.aircheck.media.OpusPacketDecoder;
import io.aircheck.media.OpusPackets;

/**
 * Opus packets of one track, decoded at 48 kHz (Opus' own rate, the mix rate) by FFmpeg's own Opus
 * decoder (no concealment: the mix leaves silence where packets are missing), stereo averaged to
 * mono.
 */
final class OpusFrameDecoder implements FrameDecoder {
    private static final int OPUS_RATE = 48_000;
    private final OpusPacketDecoder decoder;
    private final int channels;

    OpusFrameDecoder(int channels, int mixRate) throws UndecodableFrameException {
        if (mixRate != OPUS_RATE) {
            throw new UndecodableFrameException("Opus is mixed at 48 kHz, not " + mixRate + " Hz");
        }
        this.channels = channels;
        try {
            this.decoder = OpusPacketDecoder.withoutConcealment(OPUS_RATE, channels);
        } catch (RuntimeException e) {
            throw new UndecodableFrameException(
                    "cannot open the Opus decoder: " + e.getMessage(), e);
        }
    }

    @Override
    public short[] decode(Frame frame) throws UndecodableFrameException {
        if (OpusPackets.samples(frame.payload()) == 0) {
            throw new UndecodableFrameException(
                    "undecodable Opus packet: "
                            + frame.payload().length
                            + " bytes with no valid table of contents (RFC 6716 §3.1)");
        }
        short[] pcm;
        try {
            pcm = decoder.decode(frame.payload());
        } catch (AudioCodecException e) {
            throw new UndecodableFrameException("undecodable Opus packet: " + e.getMessage(), e);
        }
        if (channels == 1) {
            return pcm;
        }
        short[] mono = new short[pcm.length / channels];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += pcm[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
