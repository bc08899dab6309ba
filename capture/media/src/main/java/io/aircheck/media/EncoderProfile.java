package io.aircheck.media;

import java.util.Map;
import java.util.Set;

/**
 * How one {@link AudioFormat} is encoded: muxer, encoder, the rate and sample format the encoder
 * gets, the bitrate and the codec/muxer options. Pure: chosen from the format and the input's
 * shape, so the choices are tested without FFmpeg.
 *
 * @param bitrate bits per second, 0 for codecs without one (FLAC, PCM)
 */
record EncoderProfile(
        String muxer,
        String encoder,
        int sampleRate,
        String sampleFormat,
        long bitrate,
        Map<String, String> codecOptions,
        Map<String, String> muxerOptions) {

    /** Opus speech masters: 32 kb/s per channel is transparent for speech. */
    static final int OPUS_BITRATE_PER_CHANNEL = 32_000;

    /** AAC: 64 kb/s per channel. */
    static final int AAC_BITRATE_PER_CHANNEL = 64_000;

    /**
     * libopus effort 0..10: on speech here level 10 encodes ~50x real time per core, level 5
     * ~65-85x. Masters of multi-hour rooms favour speed.
     */
    static final String OPUS_COMPRESSION_LEVEL = "5";

    /**
     * "voip", not "audio": below effort ~7 libopus in audio mode skips its speech analysis and
     * overshoots the bitrate (espeak speech at 32 kb/s came out at 56 kb/s); voip stays on target.
     */
    static final String OPUS_APPLICATION = "voip";

    private static final Set<Integer> AAC_RATES =
            Set.of(
                    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
                    8000);

    static EncoderProfile of(AudioFormat format, int inputRate, int channels, int bitrate) {
        if (bitrate < 0) {
            throw new IllegalArgumentException(
                    "bitrate must be >= 0 (0 = default), was " + bitrate);
        }
        return switch (format) {
            case OGG_OPUS ->
                    new EncoderProfile(
                            "ogg",
                            "libopus",
                            48_000, // Opus always at 48 kHz; lower rates are resampled up
                            "s16",
                            bitrate > 0 ? bitrate : (long) OPUS_BITRATE_PER_CHANNEL * channels,
                            Map.of(
                                    "compression_level", OPUS_COMPRESSION_LEVEL,
                                    "application", OPUS_APPLICATION,
                                    "frame_duration", "20"),
                            Map.of());
            case FLAC ->
                    new EncoderProfile("flac", "flac", inputRate, "s16", 0, Map.of(), Map.of());
            case M4A_AAC ->
                    new EncoderProfile(
                            "ipod",
                            "aac",
                            AAC_RATES.contains(inputRate) ? inputRate : 48_000,
                            "fltp",
                            bitrate > 0 ? bitrate : (long) AAC_BITRATE_PER_CHANNEL * channels,
                            Map.of(),
                            Map.of("movflags", "+faststart"));
            case WAV ->
                    new EncoderProfile("wav", "pcm_s16le", inputRate, "s16", 0, Map.of(), Map.of());
        };
    }
}
