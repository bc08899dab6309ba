package io.aircheck.capture.gateway;

import io.aircheck.capture.room.Rejection;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.capture.room.RtpBinding;
import io.aircheck.capture.stream.RtpFormatException;
import io.aircheck.capture.stream.RtpPacket;
import io.aircheck.capture.stream.RtpVerdict;
import io.aircheck.capture.stream.StampedFrame;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.v1.AudioFrame;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RTP datagrams to frames in the log: RTCP is counted and set aside, garbage and packets of no
 * bound track (or of a revoked source) are refused with a reason and dead-lettered (rate-limited,
 * all counted), the rest go through their track's {@link RtpTrack} and are written in order. Runs
 * on the receiving thread; {@link #drain} runs on an event's.
 */
final class RtpIngest implements EndingTracks, RoomRegistry.RtpBindingListener {
    private final RoomRegistry registry;
    private final FrameIngest frames;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final CredentialStore credentials;
    private final long holdUs;
    private final Map<String, RtpTrack> tracks = new ConcurrentHashMap<>();
    private final List<StampedFrame> released = new ArrayList<>();

    RtpIngest(
            RoomRegistry registry,
            FrameIngest frames,
            DeadLetters deadLetters,
            IngestMetrics metrics,
            CredentialStore credentials,
            long holdUs) {
        this.registry = registry;
        this.frames = frames;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.credentials = credentials;
        this.holdUs = holdUs;
    }

    /** One datagram of {@code length} bytes that arrived at {@code nowUs} on UDP {@code port}. */
    void datagram(
            int port, boolean rtcpPort, byte[] data, int length, SocketAddress from, long nowUs) {
        if (rtcpPort || RtpPacket.isRtcp(data, length)) {
            metrics.rtpPacket("rtcp");
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(data, length);
        } catch (RtpFormatException e) {
            metrics.rtpPacket("malformed");
            refuse(
                    "MALFORMED",
                    null,
                    data,
                    length,
                    "not an RTP packet: " + e.getMessage(),
                    origin(port, from, null));
            return;
        }
        RtpBinding binding = registry.rtpBinding(port, packet.ssrc()).orElse(null);
        if (binding == null) {
            metrics.rtpPacket("unbound");
            refuse(
                    "UNBOUND",
                    null,
                    data,
                    length,
                    "no track is bound to SSRC "
                            + packet.ssrc()
                            + " on UDP port "
                            + port
                            + ": bind it first (POST /v1/rooms/{room}/rtp-bindings)",
                    origin(port, from, null));
            return;
        }
        if (!credentials.isActive(binding.owner())) {
            metrics.rtpPacket("revoked");
            refuse(
                    "REVOKED",
                    binding.roomId(),
                    data,
                    length,
                    "the ingest credential '"
                            + binding.owner()
                            + "' that bound this stream was revoked",
                    origin(port, from, binding));
            return;
        }
        RtpTrack track = trackOf(binding);
        synchronized (track) {
            track.packets++;
            track.lastPacketUs = nowUs;
            RtpVerdict verdict = track.stream.accept(packet, nowUs, released);
            track.outbox.addAll(released);
            released.clear();
            switch (verdict.kind()) {
                case ACCEPTED -> metrics.rtpPacket("accepted");
                case DUPLICATE -> {
                    track.duplicates++;
                    metrics.rtpPacket("duplicate");
                }
                case LATE -> {
                    track.late++;
                    metrics.rtpPacket("late");
                    refuse(
                            "LATE",
                            binding.roomId(),
                            data,
                            length,
                            verdict.reason(),
                            origin(port, from, binding));
                }
                case REFUSED -> {
                    track.refused++;
                    metrics.rtpPacket("refused");
                    refuse(
                            "INVALID",
                            binding.roomId(),
                            data,
                            length,
                            verdict.reason(),
                            origin(port, from, binding));
                }
            }
            flush(track);
        }
    }

    /**
     * Releases what waited long enough and retries frames that waited for their room or the log.
     */
    void tick(long nowUs) {
        for (RtpTrack track : tracks.values()) {
            long due = track.stream.nextDueUs();
            if ((due >= 0 && due <= nowUs) || !track.outbox.isEmpty()) {
                synchronized (track) {
                    track.stream.release(nowUs, released);
                    track.outbox.addAll(released);
                    released.clear();
                    flush(track);
                }
            }
        }
    }

    @Override
    public List<AudioFrame> drain(String roomId, String participantId, String trackId) {
        RtpTrack track = tracks.get(roomId + "/" + participantId + "/" + trackId);
        if (track == null) {
            return List.of();
        }
        List<StampedFrame> held = new ArrayList<>();
        List<AudioFrame> out = new ArrayList<>();
        synchronized (track) {
            track.stream.flush(held);
            track.outbox.addAll(held);
            for (StampedFrame frame : track.outbox) {
                out.add(track.toAudioFrame(frame, registry::nextSequence));
            }
            track.written += track.outbox.size();
            track.outbox.clear();
        }
        return out;
    }

    @Override
    public void bound(RtpBinding binding) {
        trackOf(binding);
    }

    @Override
    public void unbound(RtpBinding binding) {
        RtpTrack track = tracks.get(binding.trackKey());
        if (track != null && track.binding.equals(binding)) {
            tracks.remove(binding.trackKey(), track);
            metrics.rtpLost(track.stream.lostCount());
        }
    }

    Collection<RtpTrack> tracks() {
        return tracks.values();
    }

    /** Frames waiting in reorder buffers and outboxes (for /metrics). */
    long waitingFrames() {
        long n = 0;
        for (RtpTrack track : tracks.values()) {
            n += track.stream.waitingCount() + track.outbox.size();
        }
        return n;
    }

    /** Called holding the track's monitor: writes what waits, in order, until its room is busy. */
    private void flush(RtpTrack track) {
        while (!track.outbox.isEmpty()) {
            AudioFrame frame = track.toAudioFrame(track.outbox.peekFirst(), registry::nextSequence);
            FrameIngest.Result result = frames.tryWrite(frame, f -> failureCounter());
            if (result.attempt() == FrameIngest.Attempt.BUSY) {
                break;
            }
            track.outbox.pollFirst();
            if (result.attempt() == FrameIngest.Attempt.WRITTEN) {
                track.written++;
            } else {
                Rejection rejection = result.rejection();
                frames.refuse(
                        rejection,
                        frame.getRoomId(),
                        frame.toByteArray(),
                        track.origin,
                        frame.getParticipantId(),
                        frame.getTrackId(),
                        frame.getSequence());
            }
        }
        if (track.outbox.size() > RtpTrack.MAX_WAITING_FRAMES) {
            while (track.outbox.size() > RtpTrack.MAX_WAITING_FRAMES) {
                track.outbox.pollFirst();
                track.dropped++;
                metrics.dropped("rtp", "backpressure");
            }
            // the frames before it are gone: its audio does not follow on from what was written
            StampedFrame next = track.outbox.pollFirst();
            track.outbox.addFirst(
                    new StampedFrame(
                            next.relativeSequence(),
                            next.timestampUs(),
                            next.durationUs(),
                            next.payload(),
                            true));
        }
    }

    private WriteOutcome failureCounter() {
        return new WriteOutcome() {
            @Override
            public void succeeded() {}

            @Override
            public void failed(String reason) {
                metrics.dropped("rtp", "log_unavailable");
            }
        };
    }

    private RtpTrack trackOf(RtpBinding binding) {
        RtpTrack track = tracks.get(binding.trackKey());
        if (track == null || (track.binding != binding && !track.binding.equals(binding))) {
            track = new RtpTrack(binding, holdUs);
            tracks.put(binding.trackKey(), track);
        }
        return track;
    }

    private void refuse(
            String reason, String roomId, byte[] data, int length, String message, String origin) {
        metrics.rejected(Topics.ROOM_AUDIO, reason);
        deadLetters.write(Topics.ROOM_AUDIO, roomId, Arrays.copyOf(data, length), message, origin);
    }

    private static String origin(int port, SocketAddress from, RtpBinding binding) {
        String text = "rtp udp/" + port + " from " + from;
        return binding == null ? text : text + " source=" + binding.owner();
    }
}
