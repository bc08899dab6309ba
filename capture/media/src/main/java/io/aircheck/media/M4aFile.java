package io.aircheck.media;

/**
 * A progressive M4A (MPEG-4 audio) file of AAC packets that already exist: a remux, no re-encoding.
 * {@link #header} gives ftyp, moov (the sample table, moved to the front so playback can start
 * before the download ends) and the mdat header; the caller appends the packets in order right
 * after it. The edit list drops the encoder priming and ends at exactly {@code keptSamples}, so the
 * decoded file has the length of the audio that was encoded. Pure.
 */
public final class M4aFile {
    private M4aFile() {}

    /**
     * @param packetSizes every packet's size in bytes, in stream order (the priming packet first)
     * @param keptSamples samples per channel to play after the priming
     */
    public static byte[] header(AacTrack track, int[] packetSizes, long keptSamples) {
        long payload = 0;
        for (int size : packetSizes) {
            payload += size;
        }
        long mediaDuration = (long) packetSizes.length * AacTrack.FRAME_SAMPLES;
        if (keptSamples < 0 || keptSamples + track.primingSamples() > mediaDuration) {
            throw new IllegalArgumentException(
                    keptSamples
                            + " samples to keep, but the "
                            + packetSizes.length
                            + " packets hold "
                            + (mediaDuration - track.primingSamples()));
        }
        byte[] ftyp =
                Mp4Box.box(
                        "ftyp",
                        Mp4Box.payload()
                                .fourcc("M4A ")
                                .u32(0x200)
                                .fourcc("M4A ")
                                .fourcc("isom")
                                .fourcc("iso2")
                                .fourcc("mp41"));
        boolean large = payload > 0xffff_ff00L;
        byte[] moov = moov(track, packetSizes, keptSamples, mediaDuration, 0, large);
        long mdatHeader = large ? 16 : 8;
        long firstPacket = ftyp.length + moov.length + mdatHeader;
        moov = moov(track, packetSizes, keptSamples, mediaDuration, firstPacket, large);
        Mp4Box mdat =
                large
                        ? Mp4Box.payload().u32(1).fourcc("mdat").u64(16 + payload)
                        : Mp4Box.payload().u32(8 + payload).fourcc("mdat");
        return Fmp4Audio.concat(ftyp, moov, mdat.toBytes());
    }

    private static byte[] moov(
            AacTrack track,
            int[] sizes,
            long kept,
            long mediaDuration,
            long firstPacket,
            boolean large) {
        Mp4Box stsz = Mp4Box.full(0, 0).u32(0).u32(sizes.length);
        for (int size : sizes) {
            stsz.u32(size);
        }
        byte[] chunkOffsets =
                large
                        ? Mp4Box.box("co64", Mp4Box.full(0, 0).u32(1).u64(firstPacket))
                        : Mp4Box.box("stco", Mp4Box.full(0, 0).u32(1).u32(firstPacket));
        byte[] tables =
                Fmp4Audio.concat(
                        Mp4Box.box(
                                "stts",
                                Mp4Box.full(0, 0)
                                        .u32(1)
                                        .u32(sizes.length)
                                        .u32(AacTrack.FRAME_SAMPLES)),
                        Mp4Box.box(
                                "stsc", Mp4Box.full(0, 0).u32(1).u32(1).u32(sizes.length).u32(1)),
                        Mp4Box.box("stsz", stsz),
                        chunkOffsets);
        return Mp4Box.box(
                "moov", track.movieHeader(kept), track.track(kept, mediaDuration, tables));
    }
}
