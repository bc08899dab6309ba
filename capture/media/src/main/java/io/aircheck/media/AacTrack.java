package io.aircheck.media;

/**
 * What an MP4 container needs to know of an AAC stream: its rate and channels, the
 * AudioSpecificConfig, the encoder's priming (samples the player drops at the start) and the
 * nominal bitrate.
 */
public record AacTrack(
        int sampleRate,
        int channels,
        byte[] audioSpecificConfig,
        int primingSamples,
        long bitrate) {

    /** Samples per channel in every AAC-LC packet. */
    public static final int FRAME_SAMPLES = 1024;

    public AacTrack {
        if (sampleRate <= 0 || channels < 1 || channels > 2 || primingSamples < 0) {
            throw new IllegalArgumentException(
                    "AAC track: " + sampleRate + " Hz, " + channels + " ch");
        }
        if (audioSpecificConfig == null || audioSpecificConfig.length < 2) {
            throw new IllegalArgumentException("AAC track without an AudioSpecificConfig");
        }
    }

    /** The configuration of the stream {@code encoder} produces. */
    public static AacTrack of(AacPacketEncoder encoder, long bitrate) {
        return new AacTrack(
                encoder.sampleRate(),
                encoder.channels(),
                encoder.audioSpecificConfig(),
                encoder.primingSamples(),
                bitrate);
    }

    /** The sample description: an mp4a entry with its esds (ISO 14496-14). */
    byte[] sampleEntry() {
        byte[] decoderSpecific = Mp4Box.descriptor(0x05, audioSpecificConfig);
        byte[] decoderConfig =
                Mp4Box.descriptor(
                        0x04,
                        Mp4Box.payload()
                                .u8(0x40) // MPEG-4 audio
                                .u8(0x15) // audio stream
                                .u24(0)
                                .u32(bitrate)
                                .u32(bitrate)
                                .toBytes(),
                        decoderSpecific);
        byte[] sl = Mp4Box.descriptor(0x06, new byte[] {0x02});
        byte[] es =
                Mp4Box.descriptor(0x03, Mp4Box.payload().u16(1).u8(0).toBytes(), decoderConfig, sl);
        byte[] esds = Mp4Box.box("esds", Mp4Box.full(0, 0), es);
        return Mp4Box.box(
                "mp4a",
                Mp4Box.payload()
                        .zeros(6)
                        .u16(1) // data reference index
                        .zeros(8)
                        .u16(channels)
                        .u16(16)
                        .u32(0)
                        .u32((long) sampleRate << 16),
                esds);
    }

    /** mdia: the media header, handler and the sample table (tables given by the caller). */
    byte[] media(long mediaDuration, byte[] sampleTables) {
        byte[] mdhd =
                Mp4Box.box(
                        "mdhd",
                        Mp4Box.full(0, 0)
                                .u32(0)
                                .u32(0)
                                .u32(sampleRate)
                                .u32(mediaDuration)
                                .u16(0x55c4) // 'und'
                                .u16(0));
        byte[] hdlr =
                Mp4Box.box(
                        "hdlr",
                        Mp4Box.full(0, 0)
                                .u32(0)
                                .fourcc("soun")
                                .zeros(12)
                                .bytes(
                                        "SoundHandler\0"
                                                .getBytes(
                                                        java.nio.charset.StandardCharsets
                                                                .US_ASCII)));
        byte[] dinf =
                Mp4Box.box(
                        "dinf",
                        Mp4Box.box(
                                "dref",
                                Mp4Box.full(0, 0).u32(1),
                                Mp4Box.box("url ", Mp4Box.full(0, 1))));
        byte[] stbl =
                Mp4Box.box(
                        "stbl",
                        Mp4Box.box("stsd", Mp4Box.full(0, 0).u32(1), sampleEntry()),
                        sampleTables);
        byte[] minf = Mp4Box.box("minf", Mp4Box.box("smhd", Mp4Box.full(0, 0).u32(0)), dinf, stbl);
        return Mp4Box.box("mdia", mdhd, hdlr, minf);
    }

    /** trak with tkhd, an edit list dropping the priming and keeping {@code keptDuration}. */
    byte[] track(long keptDuration, long mediaDuration, byte[] sampleTables) {
        byte[] tkhd =
                Mp4Box.box(
                        "tkhd",
                        Mp4Box.full(0, 3)
                                .u32(0)
                                .u32(0)
                                .u32(1)
                                .u32(0)
                                .u32(keptDuration)
                                .zeros(8)
                                .u16(0)
                                .u16(0)
                                .u16(0x0100)
                                .u16(0)
                                .unityMatrix()
                                .u32(0)
                                .u32(0));
        byte[] elst =
                Mp4Box.box(
                        "elst",
                        Mp4Box.full(0, 0)
                                .u32(1)
                                .u32(keptDuration)
                                .u32(primingSamples)
                                .u32(0x00010000));
        return Mp4Box.box(
                "trak", tkhd, Mp4Box.box("edts", elst), media(mediaDuration, sampleTables));
    }

    /** mvhd with the sample rate as the movie's timescale, so edits are sample-exact. */
    byte[] movieHeader(long duration) {
        return Mp4Box.box(
                "mvhd",
                Mp4Box.full(0, 0)
                        .u32(0)
                        .u32(0)
                        .u32(sampleRate)
                        .u32(duration)
                        .u32(0x00010000)
                        .u16(0x0100)
                        .zeros(10)
                        .unityMatrix()
                        .zeros(24)
                        .u32(2));
    }
}
