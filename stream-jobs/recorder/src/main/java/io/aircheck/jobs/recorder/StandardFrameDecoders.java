package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.FrameDecoder;
import io.aircheck.jobs.recorder.mix.PcmFrameDecoder;
import io.aircheck.jobs.recorder.mix.UndecodableFrameException;

/** The decoders the recorder uses in production: PCM in plain Java, Opus through FFmpeg. */
public final class StandardFrameDecoders implements FrameDecoder.Factory {
    @Override
    public FrameDecoder forTrack(AudioCodec codec, int sampleRate, int channels, int mixRate)
            throws UndecodableFrameException {
        if (codec == null) {
            throw new UndecodableFrameException("frame without a codec");
        }
        return switch (codec) {
            case PCM_S16LE -> new PcmFrameDecoder(sampleRate, channels, mixRate);
            case OPUS -> new OpusFrameDecoder(channels, mixRate);
        };
    }
}
