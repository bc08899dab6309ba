package io.aircheck.storage.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Minimal, structurally valid Ogg Opus and MP4 files for duration tests (no real audio). */
final class AudioBytes {
    private AudioBytes() {}

    /** An Ogg Opus stream of {@code seconds} at 48 kHz after {@code preSkip} samples. */
    static byte[] oggOpus(double seconds, int preSkip, int filler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1);
        head.putShort((short) preSkip).putInt(48_000).putShort((short) 0).put((byte) 0);
        page(out, 0, 0, head.array());
        page(out, 1, 0, "OpusTags\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        long end = preSkip + Math.round(seconds * 48_000);
        byte[] audio = new byte[filler];
        for (int i = 0; i < filler; i++) {
            audio[i] = (byte) (i * 31 + 7);
        }
        page(out, 2, end / 2, audio);
        page(out, 3, end, audio);
        return out.toByteArray();
    }

    private static void page(ByteArrayOutputStream out, int seq, long granule, byte[] body) {
        ByteBuffer h = ByteBuffer.allocate(27).order(ByteOrder.LITTLE_ENDIAN);
        h.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        h.putLong(granule).putInt(42).putInt(seq).putInt(0);
        int segments = body.length / 255 + 1;
        h.put((byte) segments);
        out.writeBytes(h.array());
        for (int i = 0; i < segments - 1; i++) {
            out.write(255);
        }
        out.write(body.length % 255);
        out.writeBytes(body);
    }

    /** An MP4 whose movie header says {@code durationMs}, moov after a small mdat. */
    static byte[] mp4(long durationMs, int mdatBytes) {
        ByteBuffer mvhd = ByteBuffer.allocate(108);
        mvhd.putInt(108).put("mvhd".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        mvhd.putInt(0).putInt(0).putInt(1000).putInt((int) durationMs);
        byte[] moovBody = mvhd.array();
        ByteBuffer moov = ByteBuffer.allocate(8 + moovBody.length);
        moov.putInt(8 + moovBody.length)
                .put("moov".getBytes(StandardCharsets.US_ASCII))
                .put(moovBody);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("ftyp", "M4A \0\0\0\0isomM4A ".getBytes(StandardCharsets.US_ASCII)));
        out.writeBytes(box("mdat", new byte[mdatBytes]));
        out.writeBytes(moov.array());
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }
}
