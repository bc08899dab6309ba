package io.aircheck.capture.gateway;

import io.aircheck.protocol.v1.AudioFrame;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open audio connections: ticked every {@link #TICK_MS} ms (acknowledgements, waiting frames,
 * resumed reading), closed when their credential is revoked, and the raw PCM ones by track, so that
 * a track has at most one and its frame waiting for the room is written before the track ends.
 */
final class AudioConnections implements EndingTracks {
    static final long TICK_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AudioConnections.class);

    private final Set<AudioConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> pcmByTrack = new ConcurrentHashMap<>();

    void add(AudioConnection connection) {
        open.add(connection);
    }

    void remove(AudioConnection connection) {
        open.remove(connection);
    }

    /** Reserves a track for a PCM socket about to open; false when another one has it. */
    boolean reservePcm(String trackKey, Object reservation) {
        return pcmByTrack.putIfAbsent(trackKey, reservation) == null;
    }

    void releasePcm(String trackKey, Object reservation) {
        pcmByTrack.remove(trackKey, reservation);
    }

    void attachPcm(String trackKey, PcmConnection connection) {
        pcmByTrack.put(trackKey, connection);
    }

    void detachPcm(String trackKey, PcmConnection connection) {
        pcmByTrack.remove(trackKey, connection);
    }

    void tick() {
        for (AudioConnection connection : open) {
            try {
                connection.tick();
            } catch (RuntimeException e) {
                LOG.debug("ticking an audio connection failed: {}", e.toString());
            }
        }
    }

    /** Closes the connections of revoked credentials (policy violation, 1008). */
    void revoked(Set<String> sources) {
        for (AudioConnection connection : open) {
            if (sources.contains(connection.source)) {
                connection.close(1008, "ingest credential '" + connection.source + "' was revoked");
            }
        }
    }

    @Override
    public List<AudioFrame> drain(String roomId, String participantId, String trackId) {
        Object held = pcmByTrack.get(roomId + "/" + participantId + "/" + trackId);
        if (held instanceof PcmConnection pcm) {
            AudioFrame pending = pcm.takePending();
            pcm.endTrack("track ended");
            return pending == null ? List.of() : List.of(pending);
        }
        return List.of();
    }

    int count() {
        return open.size();
    }

    int pcmCount() {
        return (int) open.stream().filter(c -> c instanceof PcmConnection).count();
    }

    int pausedCount() {
        return (int) open.stream().filter(AudioConnection::isPaused).count();
    }
}
