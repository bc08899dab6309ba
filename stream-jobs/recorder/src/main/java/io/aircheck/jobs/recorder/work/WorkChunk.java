package io.aircheck.jobs.recorder.work;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorder's work object for one chunk of a session: the packets the chunk added to the mix's
 * Opus and AAC streams and to each speaker's track. Written as the room goes, so the masters and
 * tracks at the room's end are concatenations of these (a remux, no encoding), and nothing of a
 * long room is held in memory or in Flink state. Pure: a compact binary form, version-tagged.
 *
 * @param tracks packets per track key ({@code participant/track}), in stream order
 */
public record WorkChunk(
        long index, List<byte[]> mixOpus, List<byte[]> mixAac, Map<String, List<byte[]>> tracks) {
    private static final int MAGIC = 0x41435731; // "ACW1"

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimate());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(index);
            writePackets(out, mixOpus);
            writePackets(out, mixAac);
            out.writeInt(tracks.size());
            for (Map.Entry<String, List<byte[]>> track : tracks.entrySet()) {
                out.writeUTF(track.getKey());
                writePackets(out, track.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    public static WorkChunk fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a recorder work chunk");
            }
            long index = in.readLong();
            List<byte[]> opus = readPackets(in);
            List<byte[]> aac = readPackets(in);
            int count = in.readInt();
            Map<String, List<byte[]>> tracks = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                tracks.put(in.readUTF(), readPackets(in));
            }
            return new WorkChunk(index, opus, aac, tracks);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated recorder work chunk", e);
        }
    }

    private int estimate() {
        int size = 64;
        for (byte[] p : mixOpus) {
            size += p.length + 2;
        }
        for (byte[] p : mixAac) {
            size += p.length + 2;
        }
        for (List<byte[]> packets : tracks.values()) {
            for (byte[] p : packets) {
                size += p.length + 2;
            }
        }
        return size;
    }

    private static void writePackets(DataOutputStream out, List<byte[]> packets)
            throws IOException {
        out.writeInt(packets.size());
        for (byte[] p : packets) {
            out.writeShort(p.length);
            out.write(p);
        }
    }

    private static List<byte[]> readPackets(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("implausible packet count " + count);
        }
        List<byte[]> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[in.readUnsignedShort()];
            in.readFully(p);
            packets.add(p);
        }
        return packets;
    }
}
