package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.PcmFrameDecoder;
import io.aircheck.jobs.recorder.mix.UndecodableFrameException;
import io.aircheck.media.AudioCodecException;
import io.aircheck.media.OpusPacketDecoder;
import io.aircheck.media.PcmAudio;

/**
 * Opus packets of one track, decoded with libopus at 48 kHz (Opus' own rate), downmixed to mono,
 * converted to the mix rate if that differs.
 */
final class OpusFrameDecoder implements FrameDecoder {
    private static final int OPUS_RATE = 48_000;
    private final OpusPacketDecoder decoder;
    private final int channels;
    private final PcmFrameDecoder toMix;

    OpusFrameDecoder(int channels, int mixRate) throws UndecodableFrameException {
        this.channels = channels;
        try {
            this.decoder = new OpusPacketDecoder(OPUS_RATE, channels);
        } catch (RuntimeException e) {
            throw new UndecodableFrameException(
                    "cannot open the Opus decoder: " + e.getMessage(), e);
        }
        this.toMix = new PcmFrameDecoder(OPUS_RATE, channels, mixRate);
    }

    @Override
    public short[] decode(Frame frame) throws UndecodableFrameException {
        short[] pcm;
        try {
            pcm = decoder.decode(frame.payload());
        } catch (AudioCodecException e) {
            throw new UndecodableFrameException("undecodable Opus packet: " + e.getMessage(), e);
        }
        byte[] bytes = new PcmAudio(pcm, OPUS_RATE, channels).toS16le();
        Frame asPcm =
                new Frame(
                        frame.kind(),
                        frame.roomId(),
                        frame.sessionId(),
                        frame.participantId(),
                        frame.trackId(),
                        frame.sequence(),
                        frame.timestampUs(),
                        null,
                        OPUS_RATE,
                        channels,
                        bytes,
                        0,
                        frame.sourcePartition(),
                        frame.sourceOffset());
        return toMix.decode(asPcm);
    }

    @Override
    public void close() {
        decoder.close();
    }
}
