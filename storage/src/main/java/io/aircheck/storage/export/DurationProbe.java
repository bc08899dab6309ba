package io.aircheck.storage.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an audio file's duration from the bytes as they stream past (no second read, nothing
 * buffered but a page header or the {@code moov} box): Ogg Opus from the last page's granule
 * position minus the pre-skip (RFC 7845), MP4/M4A from the movie header ({@code mvhd}). Pure.
 */
public abstract class DurationProbe {
    public abstract void update(byte[] bytes, int offset, int length);

    /** The duration in microseconds, or null when the bytes did not say. */
    public abstract Long durationUs();

    /** A probe for the content type (or file name): Ogg, MP4, or one that knows nothing. */
    public static DurationProbe forFile(String path, String contentType) {
        String type = contentType == null ? "" : contentType;
        if (path.endsWith(".opus") || path.endsWith(".ogg") || type.startsWith("audio/ogg")) {
            return new OggOpus();
        }
        if (path.endsWith(".m4a") || path.endsWith(".mp4") || type.startsWith("audio/mp4")) {
            return new Mp4();
        }
        return new None();
    }

    private static final class None extends DurationProbe {
        @Override
        public void update(byte[] bytes, int offset, int length) {}

        @Override
        public Long durationUs() {
            return null;
        }
    }

    /** Walks Ogg pages: 27-byte header, segment table, body. */
    static final class OggOpus extends DurationProbe {
        private final ByteArrayOutputStream header = new ByteArrayOutputStream(282);
        private long skip;
        private int need = 27;
        private boolean inTable;
        private boolean broken;
        private boolean firstPage = true;
        private int preSkip = -1;
        private long lastGranule = -1;
        private final ByteArrayOutputStream firstBody = new ByteArrayOutputStream();
        private long firstBodyLeft;

        @Override
        public void update(byte[] bytes, int offset, int length) {
            int at = offset;
            int end = offset + length;
            while (at < end && !broken) {
                if (skip > 0) {
                    int n = (int) Math.min(skip, end - at);
                    if (firstBodyLeft > 0) {
                        int keep = (int) Math.min(firstBodyLeft, n);
                        firstBody.write(bytes, at, keep);
                        firstBodyLeft -= keep;
                        if (firstBodyLeft == 0) {
                            readOpusHead(firstBody.toByteArray());
                        }
                    }
                    skip -= n;
                    at += n;
                    continue;
                }
                int n = Math.min(need - header.size(), end - at);
                header.write(bytes, at, n);
                at += n;
                if (header.size() == need) {
                    pageHeaderComplete();
                }
            }
        }

        private void pageHeaderComplete() {
            byte[] h = header.toByteArray();
            if (!inTable) {
                if (h[0] != 'O' || h[1] != 'g' || h[2] != 'g' || h[3] != 'S') {
                    broken = true;
                    return;
                }
                inTable = true;
                need = 27 + (h[26] & 0xff);
                if (need == 27) {
                    endOfPage(h, 0);
                }
                return;
            }
            long body = 0;
            for (int i = 27; i < h.length; i++) {
                body += h[i] & 0xff;
            }
            endOfPage(h, body);
        }

        private void endOfPage(byte[] h, long body) {
            long granule = ByteBuffer.wrap(h, 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (granule >= 0 && !firstPage) {
                lastGranule = granule;
            }
            if (firstPage) {
                firstBodyLeft = Math.min(body, 19);
                firstPage = false;
            }
            skip = body;
            header.reset();
            need = 27;
            inTable = false;
        }

        private void readOpusHead(byte[] head) {
            if (head.length >= 12
                    && new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
                preSkip = (head[10] & 0xff) | (head[11] & 0xff) << 8;
            } else {
                broken = true;
            }
        }

        @Override
        public Long durationUs() {
            if (broken || preSkip < 0 || lastGranule < 0) {
                return null;
            }
            return Math.max(0, lastGranule - preSkip) * 1_000_000L / 48_000;
        }
    }

    /** Walks top-level boxes; keeps only moov, and reads mvhd's timescale and duration. */
    static final class Mp4 extends DurationProbe {
        private static final long MAX_MOOV = 32L * 1024 * 1024;
        private final ByteArrayOutputStream boxHeader = new ByteArrayOutputStream(16);
        private ByteArrayOutputStream moov;
        private long left;
        private boolean broken;
        private Long duration;

        @Override
        public void update(byte[] bytes, int offset, int length) {
            int at = offset;
            int end = offset + length;
            while (at < end && !broken) {
                if (left > 0) {
                    int n = (int) Math.min(left, end - at);
                    if (moov != null) {
                        moov.write(bytes, at, n);
                    }
                    left -= n;
                    at += n;
                    if (left == 0 && moov != null) {
                        readMoov(moov.toByteArray());
                        moov = null;
                    }
                    continue;
                }
                int want = boxHeader.size() < 8 ? 8 : 16;
                int n = Math.min(want - boxHeader.size(), end - at);
                boxHeader.write(bytes, at, n);
                at += n;
                byte[] h = boxHeader.toByteArray();
                if (h.length < 8) {
                    continue;
                }
                long size = ByteBuffer.wrap(h, 0, 4).getInt() & 0xffffffffL;
                if (size == 1 && h.length < 16) {
                    continue;
                }
                int headerLength = size == 1 ? 16 : 8;
                if (size == 1) {
                    size = ByteBuffer.wrap(h, 8, 8).getLong();
                }
                String type = new String(h, 4, 4, StandardCharsets.US_ASCII);
                boxHeader.reset();
                if (size == 0 || size < headerLength) {
                    broken = size != 0; // size 0 = to the end of the file
                    left = Long.MAX_VALUE;
                    continue;
                }
                left = size - headerLength;
                if (type.equals("moov") && left <= MAX_MOOV) {
                    moov = new ByteArrayOutputStream((int) left);
                }
            }
        }

        private void readMoov(byte[] box) {
            for (int at = 0; at + 8 <= box.length; ) {
                long size = ByteBuffer.wrap(box, at, 4).getInt() & 0xffffffffL;
                String type = new String(box, at + 4, 4, StandardCharsets.US_ASCII);
                if (size < 8 || at + size > box.length) {
                    return;
                }
                if (type.equals("mvhd")) {
                    ByteBuffer b = ByteBuffer.wrap(box, at + 8, (int) size - 8);
                    int version = b.get() & 0xff;
                    b.position(b.position() + 3);
                    long timescale;
                    long length;
                    if (version == 1) {
                        b.position(b.position() + 16);
                        timescale = b.getInt() & 0xffffffffL;
                        length = b.getLong();
                    } else {
                        b.position(b.position() + 8);
                        timescale = b.getInt() & 0xffffffffL;
                        length = b.getInt() & 0xffffffffL;
                    }
                    if (timescale > 0) {
                        duration = length * 1_000_000L / timescale;
                    }
                    return;
                }
                at += (int) size;
            }
        }

        @Override
        public Long durationUs() {
            return broken ? null : duration;
        }
    }
}
