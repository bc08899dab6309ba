package io.aircheck.jobs.recorder.track;

import io.aircheck.jobs.recorder.mix.Frame;

/**
 * A PCM s16le frame's samples, interleaved, at a given channel count and rate: channels are kept,
 * averaged (to mono) or duplicated (to stereo); a rate the encoder cannot take is converted by
 * linear interpolation within the frame. Pure.
 */
final class PcmFrames {
    private PcmFrames() {}

    static short[] interleaved(Frame frame, int channels, int rate) {
        byte[] payload = frame.payload();
        int in = Math.max(1, frame.channels());
        int count = payload.length / (2 * in);
        short[] out = new short[count * channels];
        for (int i = 0; i < count; i++) {
            if (in == channels) {
                for (int c = 0; c < channels; c++) {
                    out[i * channels + c] = sample(payload, i * in + c);
                }
            } else {
                int sum = 0;
                for (int c = 0; c < in; c++) {
                    sum += sample(payload, i * in + c);
                }
                for (int c = 0; c < channels; c++) {
                    out[i * channels + c] = (short) (sum / in);
                }
            }
        }
        int from = frame.sampleRate() > 0 ? frame.sampleRate() : rate;
        return from == rate ? out : resample(out, channels, from, rate);
    }

    private static short sample(byte[] payload, int index) {
        return (short) ((payload[2 * index] & 0xff) | (payload[2 * index + 1] << 8));
    }

    private static short[] resample(short[] in, int channels, int from, int to) {
        int frames = in.length / channels;
        int outFrames = (int) ((long) frames * to / from);
        short[] out = new short[outFrames * channels];
        for (int i = 0; i < outFrames; i++) {
            double at = (double) i * from / to;
            int left = (int) at;
            int right = Math.min(left + 1, frames - 1);
            double frac = at - left;
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] =
                        (short)
                                Math.round(
                                        in[left * channels + c] * (1 - frac)
                                                + in[right * channels + c] * frac);
            }
        }
        return out;
    }
}
