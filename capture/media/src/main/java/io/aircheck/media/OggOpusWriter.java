package io.aircheck.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Writes raw Opus packets into an Ogg Opus stream (RFC 7845) as they are: a remux, no decoding or
 * re-encoding, so nothing is lost. The identification header carries the pre-skip and the input
 * rate, the comment header the given tags (e.g. where the stream sits on a room clock); each page's
 * granule position counts the 48 kHz samples of the packets completed up to it (pre-skip included,
 * as RFC 7845 §4 defines it), and {@link #finish(long)} may trim the end to an exact length. Pure
 * Java, streaming: holds at most one page in memory.
 *
 * <p>Not thread safe. The caller owns {@code out} (and closes it after {@link #finish}).
 */
public final class OggOpusWriter {
    /** Vendor string of the comment header. */
    public static final String VENDOR = "aircheck";

    /** A page is closed once its body reaches this size (as libogg does)... */
    private static final int PAGE_BYTES = 4096;

    /** ...or once it holds a second of 20 ms packets, so seeking stays fine-grained. */
    private static final int PAGE_PACKETS = 50;

    private static final int CONTINUED = 0x01;
    private static final int BOS = 0x02;
    private static final int EOS = 0x04;

    private final OutputStream out;
    private final int serial;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] lacing = new byte[255];
    private int segments;
    private int packetsOnPage;
    private boolean continued;
    private int sequence;
    private long granule;
    private long flushedGranule;
    private boolean finished;

    /**
     * Writes the two header pages.
     *
     * @param serial the stream's serial number (deterministic callers derive it from an id)
     * @param channels 1 or 2 (channel mapping family 0)
     * @param preSkip 48 kHz samples a decoder discards at the start: the encoder's look-ahead, or 0
     *     for packets whose first sample is meant to be heard (a remux of RTP packets)
     * @param inputRate the original sample rate, informational (0 = unknown)
     * @param tags comment fields NAME=value, in iteration order; names are printable ASCII without
     *     '='
     */
    public OggOpusWriter(
            OutputStream out,
            int serial,
            int channels,
            int preSkip,
            int inputRate,
            Map<String, String> tags)
            throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        if (channels < 1 || channels > 2 || preSkip < 0 || preSkip > 65535 || inputRate < 0) {
            throw new IllegalArgumentException(
                    "unsupported Ogg Opus header: "
                            + channels
                            + " ch, pre-skip "
                            + preSkip
                            + ", input rate "
                            + inputRate);
        }
        this.serial = serial;
        headerPage(identification(channels, preSkip, inputRate), BOS);
        headerPage(comments(tags), 0);
    }

    /**
     * The granule position after the packets written so far: every sample they decode to, including
     * the pre-skip the decoder will drop.
     */
    public long granule() {
        return granule;
    }

    /** Appends one packet; its duration comes from its table of contents. */
    public void write(byte[] packet) throws IOException {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        int samples = OpusPackets.samples(packet);
        if (samples == 0) {
            throw new IllegalArgumentException(
                    "not an Opus packet (" + (packet == null ? 0 : packet.length) + " bytes)");
        }
        if (body.size() >= PAGE_BYTES || packetsOnPage >= PAGE_PACKETS) {
            flush(0); // lazily: so the last page always holds audio that finish() may trim
        }
        int at = 0;
        while (true) {
            int segment = Math.min(255, packet.length - at);
            if (segments == 255) {
                flush(0);
                continued = at > 0; // the packet goes on at the start of the next page
            }
            lacing[segments++] = (byte) segment;
            body.write(packet, at, segment);
            at += segment;
            if (segment < 255) {
                break;
            }
        }
        granule += samples;
        packetsOnPage++;
    }

    /**
     * Writes the last page, flagged end-of-stream, with {@code finalGranule}: the pre-skip plus the
     * samples to keep. A value below {@link #granule()} trims the end, within the last page's audio
     * (RFC 7845 §4.5).
     */
    public void finish(long finalGranule) throws IOException {
        if (finished) {
            return;
        }
        if (finalGranule > granule || finalGranule < flushedGranule) {
            throw new IllegalArgumentException(
                    "final granule "
                            + finalGranule
                            + " outside the last page's ["
                            + flushedGranule
                            + ", "
                            + granule
                            + "]");
        }
        granule = finalGranule;
        packetsOnPage = Math.max(packetsOnPage, 1); // an empty EOS page still states the end
        flush(EOS);
        finished = true;
        out.flush();
    }

    /** Finishes without trimming. */
    public void finish() throws IOException {
        finish(granule);
    }

    private void headerPage(byte[] packet, int flags) throws IOException {
        if (packet.length >= 255 * 255) {
            throw new IllegalArgumentException("Ogg Opus header of " + packet.length + " bytes");
        }
        for (int left = packet.length; ; left -= 255) {
            lacing[segments++] = (byte) Math.min(255, left);
            if (left < 255) {
                break;
            }
        }
        body.write(packet, 0, packet.length);
        packetsOnPage = 1;
        flush(flags);
    }

    private void flush(int flags) throws IOException {
        byte[] header = new byte[27 + segments];
        header[0] = 'O';
        header[1] = 'g';
        header[2] = 'g';
        header[3] = 'S';
        header[5] = (byte) ((continued ? CONTINUED : 0) | flags);
        putLong(header, 6, packetsOnPage > 0 ? granule : -1);
        putInt(header, 14, serial);
        putInt(header, 18, sequence++);
        header[26] = (byte) segments;
        System.arraycopy(lacing, 0, header, 27, segments);
        byte[] data = body.toByteArray();
        int crc = OggCrc.update(0, header, 0, header.length);
        crc = OggCrc.update(crc, data, 0, data.length);
        putInt(header, 22, crc);
        out.write(header);
        out.write(data);
        if (packetsOnPage > 0) {
            flushedGranule = granule;
        }
        body.reset();
        segments = 0;
        packetsOnPage = 0;
        continued = false;
    }

    private static byte[] identification(int channels, int preSkip, int inputRate) {
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1; // version
        head[9] = (byte) channels;
        head[10] = (byte) preSkip;
        head[11] = (byte) (preSkip >> 8);
        putInt(head, 12, inputRate);
        return head; // output gain 0 (bytes 16-17), mapping family 0 (byte 18)
    }

    private static byte[] comments(Map<String, String> tags) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("OpusTags".getBytes(StandardCharsets.US_ASCII));
        writeString(b, VENDOR);
        writeInt(b, tags.size());
        tags.forEach(
                (name, value) -> {
                    boolean printable = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
                    if (name.isEmpty() || name.indexOf('=') >= 0 || !printable) {
                        throw new IllegalArgumentException("bad comment name '" + name + "'");
                    }
                    writeString(b, name + "=" + value);
                });
        return b.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b, bytes.length);
        b.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >> 8);
        b.write(v >> 16);
        b.write(v >> 24);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) v;
        a[at + 1] = (byte) (v >> 8);
        a[at + 2] = (byte) (v >> 16);
        a[at + 3] = (byte) (v >> 24);
    }

    private static void putLong(byte[] a, int at, long v) {
        putInt(a, at, (int) v);
        putInt(a, at + 4, (int) (v >>> 32));
    }
}
