package io.aircheck.jobs.consent;

import io.aircheck.jobs.recorder.hls.HlsPlaylist;
import io.aircheck.jobs.recorder.mix.PeakLimiter;
import io.aircheck.media.AacPacketEncoder;
import io.aircheck.media.AacTrack;
import io.aircheck.media.AudioCodecException;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.AudioFileWriter;
import io.aircheck.media.AudioFormat;
import io.aircheck.media.Fmp4Audio;
import io.aircheck.media.M4aFile;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.StoredObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a session's public copy without the withdrawn speakers: every other speaker's archived
 * track decoded (to a temporary PCM file, so a long room never sits in memory), laid on the room
 * clock at its start, summed second by second through the recorder's limiter, and encoded once: an
 * Ogg Opus and an M4A master and a VOD HLS rendition (AAC fMP4), under {@code mix/public/}. The
 * marker is written last, so listeners are switched to the copy only once it is complete.
 */
public final class PublicMixRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(PublicMixRenderer.class);
    static final int RATE = 48_000;
    private static final int AAC_BITRATE = 64_000;

    private final ObjectStore store;
    private final AudioFileReader reader = new AudioFileReader();

    public PublicMixRenderer(ObjectStore store) {
        this.store = store;
    }

    /** Renders and writes the copy; returns the objects written, the marker last. */
    public List<StoredObject> render(SessionRecording recording, Set<String> withdrawn)
            throws IOException, AudioCodecException {
        Path dir = Files.createTempDirectory("aircheck-public-mix-");
        try {
            List<Placed> tracks = new ArrayList<>();
            for (TrackRef track : PublicMix.included(recording, withdrawn)) {
                if (store.stat(track.key()).isEmpty()) {
                    LOG.warn(
                            "track {} is not in the archive; the public mix of {}/{} is made without it",
                            track.key(),
                            recording.roomId(),
                            recording.sessionId());
                    continue;
                }
                tracks.add(decode(track, recording.startUs(), dir));
            }
            long samples =
                    Math.max(0, (recording.endUs() - recording.startUs()) * RATE / 1_000_000);
            return encode(recording, withdrawn, tracks, samples, dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A track decoded to 48 kHz mono s16le in a file, and its first sample's place in the mix. */
    private record Placed(Path pcm, long offset, long samples) {}

    private Placed decode(TrackRef track, long sessionStartUs, Path dir)
            throws IOException, AudioCodecException {
        Path encoded =
                dir.resolve(
                        "t" + track.participantId().hashCode() + "-" + System.nanoTime() + ".in");
        try (InputStream in = store.open(track.key(), 0, -1)) {
            Files.copy(in, encoded);
        }
        Path pcm = dir.resolve(encoded.getFileName() + ".pcm");
        long[] count = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcm), 1 << 16)) {
            reader.stream(
                    encoded,
                    RATE,
                    1,
                    (samples, offset, length) -> {
                        ByteBuffer b =
                                ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
                        for (int i = 0; i < length; i++) {
                            b.putShort(samples[offset + i]);
                        }
                        try {
                            out.write(b.array());
                        } catch (IOException e) {
                            throw new AudioCodecException(
                                    "cannot write " + pcm + ": " + e.getMessage(), true, e);
                        }
                        count[0] += length;
                    });
        }
        Files.delete(encoded);
        long offset = Math.floorDiv((track.startUs() - sessionStartUs) * RATE, 1_000_000L);
        return new Placed(pcm, offset, count[0]);
    }

    private List<StoredObject> encode(
            SessionRecording r, Set<String> withdrawn, List<Placed> tracks, long samples, Path dir)
            throws IOException, AudioCodecException {
        Path opus = dir.resolve("room.opus");
        Path packets = dir.resolve("aac.packets");
        List<Integer> sizes = new ArrayList<>();
        AacTrack aacTrack;
        PeakLimiter limiter = new PeakLimiter(1.0, RATE, 80);
        List<RandomAccessFile> files = new ArrayList<>();
        try (AudioFileWriter opusWriter =
                        AudioFileWriter.open(opus, AudioFormat.OGG_OPUS, RATE, 1, 0);
                AacPacketEncoder aac = new AacPacketEncoder(RATE, 1, AAC_BITRATE);
                OutputStream aacOut =
                        new BufferedOutputStream(Files.newOutputStream(packets), 1 << 16)) {
            aacTrack = AacTrack.of(aac, AAC_BITRATE);
            for (Placed t : tracks) {
                files.add(new RandomAccessFile(t.pcm().toFile(), "r"));
            }
            short[] pending = new short[0];
            for (long at = 0; at < samples; at += RATE) {
                int length = (int) Math.min(RATE, samples - at);
                int[] sum = new int[length];
                for (int i = 0; i < tracks.size(); i++) {
                    add(sum, at, tracks.get(i), files.get(i));
                }
                short[] mixed = limiter.apply(sum);
                opusWriter.write(mixed, 0, mixed.length);
                pending = concat(pending, mixed);
                int frames = pending.length / AacTrack.FRAME_SAMPLES;
                for (int f = 0; f < frames; f++) {
                    for (byte[] p : aac.encode(pending, f * AacTrack.FRAME_SAMPLES)) {
                        aacOut.write(p);
                        sizes.add(p.length);
                    }
                }
                pending =
                        java.util.Arrays.copyOfRange(
                                pending, frames * AacTrack.FRAME_SAMPLES, pending.length);
            }
            if (pending.length > 0) {
                for (byte[] p : aac.encode(pending, 0)) {
                    aacOut.write(p);
                    sizes.add(p.length);
                }
            }
            for (byte[] p : aac.flush()) {
                aacOut.write(p);
                sizes.add(p.length);
            }
        } finally {
            for (RandomAccessFile f : files) {
                f.close();
            }
        }
        List<StoredObject> written = new ArrayList<>();
        String room = r.roomId();
        String session = r.sessionId();
        written.add(
                store.put(
                        PublicMix.master(room, session, "opus"),
                        opus,
                        AudioFormat.OGG_OPUS.contentType()));
        written.add(
                store.put(
                        PublicMix.master(room, session, "m4a"),
                        m4a(aacTrack, sizes, samples, packets, dir),
                        "audio/mp4"));
        written.addAll(hls(r, aacTrack, sizes, packets));
        written.add(
                store.put(
                        PublicMix.marker(room, session),
                        PublicMix.markerJson(r, withdrawn),
                        "application/json"));
        LOG.info(
                "public mix of {}/{} written without {}: {} s from {} track(s)",
                room,
                session,
                PublicMix.signature(withdrawn),
                samples / (double) RATE,
                tracks.size());
        return written;
    }

    /** Adds the part of a track that falls in [at, at + sum.length) of the mix. */
    private static void add(int[] sum, long at, Placed track, RandomAccessFile file)
            throws IOException {
        long from = Math.max(at, track.offset());
        long to = Math.min(at + sum.length, track.offset() + track.samples());
        if (to <= from) {
            return;
        }
        byte[] bytes = new byte[(int) (to - from) * 2];
        file.seek((from - track.offset()) * 2);
        file.readFully(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long s = from; s < to; s++) {
            sum[(int) (s - at)] += b.getShort();
        }
    }

    private static Path m4a(
            AacTrack track, List<Integer> sizes, long samples, Path packets, Path dir)
            throws IOException {
        Path m4a = dir.resolve("room.m4a");
        int[] array = sizes.stream().mapToInt(Integer::intValue).toArray();
        long kept =
                Math.min(
                        samples,
                        (long) array.length * AacTrack.FRAME_SAMPLES - track.primingSamples());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(m4a), 1 << 16)) {
            out.write(M4aFile.header(track, array, kept));
            Files.copy(packets, out);
        }
        return m4a;
    }

    private List<StoredObject> hls(
            SessionRecording r, AacTrack track, List<Integer> sizes, Path packets)
            throws IOException {
        List<StoredObject> written = new ArrayList<>();
        String prefix = PublicMix.prefix(r.roomId(), r.sessionId());
        written.add(store.put(prefix + "init.mp4", Fmp4Audio.initSegment(track), "audio/mp4"));
        List<HlsPlaylist.Segment> segments = new ArrayList<>();
        try (InputStream in = Files.newInputStream(packets)) {
            for (int first = 0, index = 0;
                    first < sizes.size();
                    first += PublicMix.SEGMENT_PACKETS, index++) {
                List<byte[]> group = new ArrayList<>();
                for (int p = first;
                        p < Math.min(sizes.size(), first + PublicMix.SEGMENT_PACKETS);
                        p++) {
                    group.add(in.readNBytes(sizes.get(p)));
                }
                byte[] segment =
                        Fmp4Audio.mediaSegment(
                                index + 1, (long) first * AacTrack.FRAME_SAMPLES, group);
                written.add(
                        store.put(
                                PublicMix.segment(r.roomId(), r.sessionId(), index),
                                segment,
                                "video/iso.segment"));
                segments.add(
                        new HlsPlaylist.Segment(
                                PublicMix.segmentName(index),
                                (long) group.size() * AacTrack.FRAME_SAMPLES,
                                RATE));
            }
        }
        String vod =
                new HlsPlaylist("init.mp4", r.startUs(), segments).render(HlsPlaylist.Type.VOD);
        written.add(
                store.put(
                        prefix + "vod.m3u8",
                        vod.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/vnd.apple.mpegurl"));
        return written;
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
