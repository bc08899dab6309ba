package io.aircheck.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fragmented MP4 (CMAF-style) for HLS: an initialization segment describing one AAC track, and
 * media segments of whole AAC packets, each with its decode time on the track's timeline. The init
 * segment's edit list drops the encoder priming, so a player that honours it (Safari, FFmpeg)
 * starts at the first real sample; one that does not (hls.js) plays 21 ms late, inaudibly. Pure:
 * bytes in, bytes out.
 */
public final class Fmp4Audio {
    /** Sample flags of every AAC packet: it depends on no other (a sync sample). */
    private static final int SYNC_SAMPLE_FLAGS = 0x02000000;

    private Fmp4Audio() {}

    /** ftyp + moov (empty sample tables, an mvex) for {@code track}. */
    public static byte[] initSegment(AacTrack track) {
        byte[] ftyp =
                Mp4Box.box(
                        "ftyp",
                        Mp4Box.payload()
                                .fourcc("iso6")
                                .u32(0)
                                .fourcc("iso6")
                                .fourcc("cmfc")
                                .fourcc("mp41"));
        byte[] emptyTables =
                concat(
                        Mp4Box.box("stts", Mp4Box.full(0, 0).u32(0)),
                        Mp4Box.box("stsc", Mp4Box.full(0, 0).u32(0)),
                        Mp4Box.box("stsz", Mp4Box.full(0, 0).u32(0).u32(0)),
                        Mp4Box.box("stco", Mp4Box.full(0, 0).u32(0)));
        byte[] trex =
                Mp4Box.box(
                        "trex",
                        Mp4Box.full(0, 0)
                                .u32(1)
                                .u32(1)
                                .u32(AacTrack.FRAME_SAMPLES)
                                .u32(0)
                                .u32(SYNC_SAMPLE_FLAGS));
        byte[] moov =
                Mp4Box.box(
                        "moov",
                        track.movieHeader(0),
                        track.track(0, 0, emptyTables),
                        Mp4Box.box("mvex", trex));
        return concat(ftyp, moov);
    }

    /**
     * A media segment: styp, moof (sequence number, decode time of its first packet in samples),
     * mdat with the packets.
     *
     * @param sequence the fragment's sequence number, from 1, increasing
     * @param baseDecodeTime decode time of the first packet: its index in the stream times 1,024
     */
    public static byte[] mediaSegment(long sequence, long baseDecodeTime, List<byte[]> packets) {
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("a media segment holds at least one packet");
        }
        byte[] styp =
                Mp4Box.box(
                        "styp",
                        Mp4Box.payload().fourcc("msdh").u32(0).fourcc("msdh").fourcc("msix"));
        int mdatPayload = packets.stream().mapToInt(p -> p.length).sum();
        // trun's data offset is from the start of moof to the first packet: known once moof's size
        // is, which does not depend on the offset's value
        byte[] moof = moof(sequence, baseDecodeTime, packets, 0);
        moof = moof(sequence, baseDecodeTime, packets, moof.length + 8);
        Mp4Box mdat = Mp4Box.payload().u32(8L + mdatPayload).fourcc("mdat");
        packets.forEach(mdat::bytes);
        return concat(styp, moof, mdat.toBytes());
    }

    private static byte[] moof(long sequence, long decodeTime, List<byte[]> packets, int offset) {
        byte[] mfhd = Mp4Box.box("mfhd", Mp4Box.full(0, 0).u32(sequence));
        byte[] tfhd =
                Mp4Box.box(
                        "tfhd",
                        Mp4Box.full(0, 0x020000 | 0x08 | 0x20)
                                .u32(1)
                                .u32(AacTrack.FRAME_SAMPLES)
                                .u32(SYNC_SAMPLE_FLAGS));
        byte[] tfdt = Mp4Box.box("tfdt", Mp4Box.full(1, 0).u64(decodeTime));
        Mp4Box trun = Mp4Box.full(0, 0x000001 | 0x000200).u32(packets.size()).u32(offset);
        packets.forEach(p -> trun.u32(p.length));
        byte[] traf = Mp4Box.box("traf", tfhd, tfdt, Mp4Box.box("trun", trun));
        return Mp4Box.box("moof", mfhd, traf);
    }

    /** The packets of a media segment this class wrote (or any single-track fragment like it). */
    public static List<byte[]> packets(byte[] segment) {
        ByteBuffer b = ByteBuffer.wrap(segment);
        List<Integer> sizes = null;
        int moofStart = -1;
        int dataOffset = 0;
        for (int at = 0; at + 8 <= segment.length; ) {
            int size = b.getInt(at);
            String type =
                    new String(segment, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (size < 8 || at + size > segment.length) {
                throw new IllegalArgumentException("broken box '" + type + "' at " + at);
            }
            if (type.equals("moof")) {
                moofStart = at;
                int trun = find(segment, at + 8, at + size, "traf", "trun");
                int flags = b.getInt(trun + 8) & 0xffffff;
                int count = b.getInt(trun + 12);
                int field = trun + 16;
                if ((flags & 0x1) != 0) {
                    dataOffset = b.getInt(field);
                    field += 4;
                }
                if ((flags & 0x4) != 0) {
                    field += 4;
                }
                if ((flags & 0x200) == 0) {
                    throw new IllegalArgumentException("trun without sample sizes");
                }
                int perSample = Integer.bitCount(flags & 0xf00) * 4;
                int sizeField = ((flags & 0x100) != 0 ? 4 : 0);
                sizes = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    sizes.add(b.getInt(field + i * perSample + sizeField));
                }
            }
            at += size;
        }
        if (sizes == null) {
            throw new IllegalArgumentException("no moof in a " + segment.length + "-byte segment");
        }
        List<byte[]> packets = new ArrayList<>(sizes.size());
        int at = moofStart + dataOffset;
        for (int size : sizes) {
            byte[] packet = new byte[size];
            System.arraycopy(segment, at, packet, 0, size);
            packets.add(packet);
            at += size;
        }
        return packets;
    }

    /** The offset of the box reached through {@code path} inside [from, to). */
    private static int find(byte[] data, int from, int to, String... path) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int at = from;
        int end = to;
        for (int level = 0; level < path.length; level++) {
            boolean found = false;
            while (at + 8 <= end) {
                int size = b.getInt(at);
                String type =
                        new String(data, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
                if (type.equals(path[level])) {
                    found = true;
                    if (level < path.length - 1) {
                        end = at + size;
                        at += 8;
                    }
                    break;
                }
                at += Math.max(size, 8);
            }
            if (!found) {
                throw new IllegalArgumentException("no " + String.join("/", path) + " box");
            }
        }
        return at;
    }

    static byte[] concat(byte[]... parts) {
        Mp4Box all = Mp4Box.payload();
        for (byte[] part : parts) {
            all.bytes(part);
        }
        return all.toBytes();
    }
}
