package io.aircheck.jobs.recorder.mix;

/**
 * PCM s16le frames: interleaved channels are averaged to mono and the rate converted to the mix
 * rate by linear interpolation (speech ingest is normally already at 48 kHz, where this is a plain
 * copy).
 */
public final class PcmFrameDecoder implements FrameDecoder {
    private final int sampleRate;
    private final int channels;
    private final int mixRate;

    public PcmFrameDecoder(int sampleRate, int channels, int mixRate) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.mixRate = mixRate;
    }

    @Override
    public short[] decode(Frame frame) throws UndecodableFrameException {
        byte[] payload = frame.payload();
        int bytesPerFrame = 2 * channels;
        if (payload.length == 0 || payload.length % bytesPerFrame != 0) {
            throw new UndecodableFrameException(
                    "PCM s16le payload of "
                            + payload.length
                            + " bytes is not a whole number of "
                            + channels
                            + "-channel samples");
        }
        int frames = payload.length / bytesPerFrame;
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                sum += (short) ((payload[at] & 0xff) | (payload[at + 1] << 8));
            }
            mono[i] = (short) (sum / channels);
        }
        return sampleRate == mixRate ? mono : resample(mono);
    }

    private short[] resample(short[] in) {
        int outLength = (int) ((long) in.length * mixRate / sampleRate);
        short[] out = new short[outLength];
        for (int i = 0; i < outLength; i++) {
            double at = (double) i * sampleRate / mixRate;
            int left = (int) at;
            int right = Math.min(left + 1, in.length - 1);
            double frac = at - left;
            out[i] = (short) Math.round(in[left] * (1 - frac) + in[right] * frac);
        }
        return out;
    }
}
