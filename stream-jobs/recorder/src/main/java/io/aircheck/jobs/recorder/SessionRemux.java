package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.track.TrackState;
import io.aircheck.jobs.recorder.work.WorkChunk;
import io.aircheck.media.AacTrack;
import io.aircheck.media.M4aFile;
import io.aircheck.media.OggOpusWriter;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.ObjectStoreException;
import io.aircheck.storage.layout.ObjectKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one pass over a session's work objects at its end: their packets, in order, into the local
 * files of the Ogg Opus master, the M4A master (its index first) and each speaker's Ogg Opus track.
 * Reads a few work objects ahead of the one it writes out. The Ogg Opus master is made when every
 * chunk holds its Opus packets; a session recorded without (the Opus master turned off) has none,
 * and so has one whose setting changed while it was recorded (a master with a hole would not be the
 * room: it is left out, with a warning).
 */
final class SessionRemux {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRemux.class);
    private static final int PREFETCH = 8;

    private final ObjectStore store;
    private final ExecutorService pool;
    private final AacTrack aac;

    SessionRemux(ObjectStore store, ExecutorService pool, AacTrack aac) {
        this.store = store;
        this.pool = pool;
        this.aac = aac;
    }

    /**
     * One pass over the work objects into the local master and track files.
     *
     * @return whether {@code opus} holds the Ogg Opus master (else it is to be ignored)
     */
    boolean remux(
            String room,
            SessionWriting session,
            long samples,
            List<TrackState> tracks,
            Path dir,
            Path opus,
            Path m4a,
            Map<String, Path> trackFiles)
            throws Exception {
        String sessionId = session.sessionId();
        Path aacPayload = dir.resolve("aac.raw");
        List<OutputStream> streams = new ArrayList<>();
        try {
            OggOpusWriter master = null;
            long chunksWithOpus = 0;
            OutputStream aacOut = open(aacPayload, streams);
            Map<String, OggOpusWriter> trackWriters = new LinkedHashMap<>();
            for (TrackState track : tracks) {
                Path file = dir.resolve("track-" + trackWriters.size() + ".opus");
                trackFiles.put(track.key(), file);
                trackWriters.put(
                        track.key(),
                        new OggOpusWriter(
                                open(file, streams),
                                serial(room, sessionId, track.key()),
                                track.channels(),
                                track.preSkip(),
                                track.sampleRate(),
                                RecordingTags.track(room, sessionId, session.startUs(), track)));
            }
            int[] sizes = new int[1024];
            int count = 0;
            List<CompletableFuture<byte[]>> ahead = new ArrayList<>();
            long chunks = session.chunksWritten();
            for (long i = 0; i < Math.min(PREFETCH, chunks); i++) {
                ahead.add(fetch(room, sessionId, i));
            }
            for (long i = 0; i < chunks; i++) {
                WorkChunk chunk = WorkChunk.fromBytes(ahead.remove(0).join());
                if (i + PREFETCH < chunks) {
                    ahead.add(fetch(room, sessionId, i + PREFETCH));
                }
                if (!chunk.mixOpus().isEmpty()) {
                    if (master == null) {
                        master =
                                new OggOpusWriter(
                                        open(opus, streams),
                                        serial(room, sessionId, "mix"),
                                        1,
                                        MixEncoder.OPUS_PRE_SKIP,
                                        MixEncoder.RATE,
                                        RecordingTags.master(room, sessionId, session.startUs()));
                    }
                    chunksWithOpus++;
                }
                for (byte[] p : chunk.mixOpus()) {
                    master.write(p);
                }
                for (byte[] p : chunk.mixAac()) {
                    aacOut.write(p);
                    if (count == sizes.length) {
                        sizes = Arrays.copyOf(sizes, count * 2);
                    }
                    sizes[count++] = p.length;
                }
                for (Map.Entry<String, List<byte[]>> t : chunk.tracks().entrySet()) {
                    OggOpusWriter writer = trackWriters.get(t.getKey());
                    if (writer == null) {
                        throw new IllegalStateException(
                                "work chunk "
                                        + i
                                        + " has packets of track "
                                        + t.getKey()
                                        + ", which the session does not know");
                    }
                    for (byte[] p : t.getValue()) {
                        writer.write(p);
                    }
                }
            }
            boolean opusMaster = chunks > 0 && chunksWithOpus == chunks;
            if (opusMaster) {
                master.finish(MixEncoder.OPUS_PRE_SKIP + samples);
            } else if (chunksWithOpus > 0) {
                LOG.warn(
                        "room {} session {}: no Ogg Opus master, since only {} of its {} chunks"
                                + " were encoded in Opus (the recorder's Opus master setting"
                                + " changed while it was recorded); the M4A master is whole",
                        room,
                        sessionId,
                        chunksWithOpus,
                        chunks);
            }
            for (TrackState track : tracks) {
                trackWriters.get(track.key()).finish(track.finalGranule());
            }
            aacOut.flush();
            int[] packetSizes = Arrays.copyOf(sizes, count);
            long kept = Math.min(samples, Math.max(0, (count - 1L) * AacTrack.FRAME_SAMPLES));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(m4a))) {
                out.write(M4aFile.header(aac, packetSizes, kept));
                aacOut.close();
                Files.copy(aacPayload, out);
            }
            return opusMaster;
        } finally {
            for (OutputStream s : streams) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing after a failure: the failure is what matters
                }
            }
        }
    }

    private CompletableFuture<byte[]> fetch(String room, String sessionId, long index) {
        String key = ObjectKeys.workChunk(room, sessionId, index);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return store.get(key);
                    } catch (ObjectStoreException e) {
                        if (e.notFound()) {
                            throw new IllegalStateException(
                                    "work object "
                                            + key
                                            + " of an unfinished session is missing"
                                            + " (deleted by hand, or restored from a checkpoint"
                                            + " taken before an earlier run archived it)",
                                    e);
                        }
                        throw e;
                    }
                },
                pool);
    }

    private static int serial(String room, String sessionId, String stream) {
        return (room + "/" + sessionId + "/" + stream).hashCode();
    }

    private static OutputStream open(Path file, List<OutputStream> streams) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        streams.add(out);
        return out;
    }
}
