package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomEvent.KindCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every room's state machine. {@code decide*} methods validate an incoming record against the
 * room's state without changing it; {@code apply*} methods change the state once the record is
 * durably written (or when it is replayed from the log on start-up).
 *
 * <p>Not synchronized per room: callers hold the room's lock around decide, write and apply, which
 * also fixes the order in which a room's records reach the log. Decisions on RTP bindings are
 * serialized by the caller as well (one at a time across rooms); the RTP lookups are thread-safe.
 */
public final class RoomRegistry {
    /** Told when RTP bindings start and end (the receiving side keeps a stream per binding). */
    public interface RtpBindingListener {
        void bound(RtpBinding binding);

        void unbound(RtpBinding binding);
    }

    private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();
    private final int maxFramePayloadBytes;
    private final RtpBindingIndex rtpIndex = new RtpBindingIndex();
    private final EventDecider decider;
    private volatile RtpBindingListener rtpListener;
    private final LongSupplier clockUs;

    public RoomRegistry(int maxFramePayloadBytes) {
        this(maxFramePayloadBytes, RtpPorts.none());
    }

    public RoomRegistry(int maxFramePayloadBytes, RtpPorts rtpPorts) {
        this(maxFramePayloadBytes, rtpPorts, () -> 0L);
    }

    /**
     * @param clockUs the gateway's clock (µs), which times each room's last activity (for {@link
     *     #idleRooms})
     */
    public RoomRegistry(int maxFramePayloadBytes, RtpPorts rtpPorts, LongSupplier clockUs) {
        this.clockUs = clockUs;
        if (maxFramePayloadBytes <= 0) {
            throw new IllegalArgumentException("maxFramePayloadBytes must be > 0");
        }
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.decider = new EventDecider(rooms, rtpPorts, rtpIndex);
    }

    public void setRtpListener(RtpBindingListener listener) {
        this.rtpListener = listener;
    }

    /**
     * Decides on an event from {@code source}; {@code nowUs} (the gateway's clock) stamps events
     * that come without a timestamp. An RTP binding with port 0 gets its port chosen here.
     */
    public EventDecision decide(RoomEvent event, String source, long nowUs) {
        return decider.decide(event, source, nowUs);
    }

    /** Applies an accepted event (or one replayed from {@code room.events}) to the room's state. */
    public void apply(RoomEvent event) {
        RoomState room = rooms.get(event.getRoomId());
        if (event.getKindCase() == KindCase.ROOM_OPENED) {
            room = rooms.computeIfAbsent(event.getRoomId(), RoomState::new);
            unbind(room.close());
            room.open(event.getSessionId(), event.getTimestampUs());
        } else if (room == null || !room.isOpen()) {
            return;
        } else {
            unbind(applyToOpenRoom(room, event));
        }
        if (room.isOpen()) {
            room.active(clockUs.getAsLong(), event.getTimestampUs());
        }
        room.remember(
                new AcceptedEvent(
                        event.getEventId(),
                        event.getRoomId(),
                        event.getSessionId(),
                        event.getTimestampUs()));
    }

    /** Returns the tracks the event ended. */
    private List<PublishedTrack> applyToOpenRoom(RoomState room, RoomEvent event) {
        switch (event.getKindCase()) {
            case ROOM_CLOSED -> {
                return room.close();
            }
            case PARTICIPANT_JOINED -> {
                var joined = event.getParticipantJoined();
                room.join(
                        joined.getParticipantId(),
                        joined.getRole() == Role.ROLE_UNSPECIFIED
                                ? Role.LISTENER
                                : joined.getRole());
            }
            case PARTICIPANT_LEFT -> {
                return room.leave(event.getParticipantLeft().getParticipantId());
            }
            case PARTICIPANT_REMOVED -> {
                return room.leave(event.getParticipantRemoved().getParticipantId());
            }
            case ROLE_CHANGED -> {
                return room.changeRole(
                        event.getRoleChanged().getParticipantId(),
                        event.getRoleChanged().getRole());
            }
            case TRACK_PUBLISHED -> publish(room, event);
            case TRACK_UNPUBLISHED -> {
                PublishedTrack ended =
                        room.unpublish(
                                event.getTrackUnpublished().getParticipantId(),
                                event.getTrackUnpublished().getTrackId());
                return ended == null ? List.of() : List.of(ended);
            }
            default -> {}
        }
        return List.of();
    }

    private void publish(RoomState room, RoomEvent event) {
        var published = event.getTrackPublished();
        RtpBinding binding = null;
        if (published.hasRtp()) {
            var rtp = published.getRtp();
            binding =
                    new RtpBinding(
                            room.roomId,
                            room.sessionId(),
                            published.getParticipantId(),
                            published.getTrackId(),
                            rtp.getPort(),
                            rtp.hasSsrc() ? Integer.toUnsignedLong(rtp.getSsrc()) : null,
                            rtp.getPayloadType(),
                            published.getChannels(),
                            event.getSource());
        }
        room.publish(
                new PublishedTrack(
                        published.getParticipantId(),
                        published.getTrackId(),
                        published.getCodec(),
                        published.getSampleRate(),
                        published.getChannels(),
                        binding));
        if (binding != null) {
            rtpIndex.add(binding);
            RtpBindingListener listener = rtpListener;
            if (listener != null) {
                listener.bound(binding);
            }
        }
    }

    private void unbind(List<PublishedTrack> ended) {
        RtpBindingListener listener = rtpListener;
        for (PublishedTrack track : ended) {
            if (track.rtp != null) {
                rtpIndex.remove(track.rtp);
                if (listener != null) {
                    listener.unbound(track.rtp);
                }
            }
        }
    }

    /** Decides on a media frame from a client. */
    public FrameDecision decideFrame(AudioFrame frame) {
        return FrameRules.decide(rooms.get(frame.getRoomId()), frame, maxFramePayloadBytes);
    }

    /** Records an accepted frame's sequence, so that a repeat of it is refused. */
    public void applyFrame(AudioFrame frame) {
        PublishedTrack track =
                trackOf(frame.getRoomId(), frame.getParticipantId(), frame.getTrackId());
        if (track != null) {
            track.sequences.add(frame.getSequence());
            rooms.get(frame.getRoomId())
                    .active(clockUs.getAsLong(), frame.getTimestampUs() + frame.getDurationUs());
        }
    }

    /** A CLOCK mark moved the open room's clock to {@code us} (not activity). */
    public void applyClock(String roomId, long us) {
        RoomState room = rooms.get(roomId);
        if (room != null && room.isOpen()) {
            room.advanceClock(us);
        }
    }

    /**
     * Open rooms with no accepted event or frame for {@code idleUs} or more at {@code nowUs} (the
     * gateway's clock; a room rebuilt from the log on start-up counts from then), oldest first.
     */
    public List<IdleRoom> idleRooms(long nowUs, long idleUs) {
        List<IdleRoom> idle = new ArrayList<>();
        for (RoomState room : rooms.values()) {
            if (room.isOpen() && nowUs - room.lastActiveAtUs() >= idleUs) {
                idle.add(
                        new IdleRoom(
                                room.roomId,
                                room.sessionId(),
                                room.lastActiveAtUs(),
                                room.roomClockUs()));
            }
        }
        idle.sort(java.util.Comparator.comparingLong(IdleRoom::lastActiveAtUs));
        return idle;
    }

    /** Whether {@code roomId} is open in {@code sessionId} and idle for {@code idleUs} at nowUs. */
    public boolean isIdle(String roomId, String sessionId, long nowUs, long idleUs) {
        RoomState room = rooms.get(roomId);
        return room != null
                && room.isOpen()
                && room.sessionId().equals(sessionId)
                && nowUs - room.lastActiveAtUs() >= idleUs;
    }

    /** Forgets an accepted frame whose write failed, so that the client may send it again. */
    public void forgetFrame(AudioFrame frame) {
        PublishedTrack track =
                trackOf(frame.getRoomId(), frame.getParticipantId(), frame.getTrackId());
        if (track != null) {
            track.sequences.remove(frame.getSequence());
        }
    }

    /**
     * The sequence number of the next frame of a track whose frames the gateway numbers itself
     * (RTP, raw PCM): after the highest accepted; for a track published before the gateway
     * restarted, the first frame's offset from the session start in µs (above every sequence it can
     * have had, since frames are longer than 1 µs); else 0. -1 when the track is not published.
     */
    public long nextSequence(String roomId, String participantId, String trackId, long firstUs) {
        RoomState room = rooms.get(roomId);
        PublishedTrack track = trackOf(roomId, participantId, trackId);
        if (track == null) {
            return -1;
        }
        long highest = track.sequences.highest();
        if (highest >= 0) {
            return highest + 1;
        }
        return track.restored ? Math.max(0, firstUs - room.sessionStartUs()) : 0;
    }

    /** After replaying the log on start-up: the tracks published so far were published before. */
    public void markRestored() {
        for (RoomState room : rooms.values()) {
            for (PublishedTrack track : room.tracks()) {
                track.restored = true;
            }
        }
    }

    /** A track of the room is stamped by the gateway (raw PCM): the room gets CLOCK marks. */
    public void markGatewayClocked(String roomId) {
        RoomState room = rooms.get(roomId);
        if (room != null && room.isOpen()) {
            room.markGatewayClocked();
        }
    }

    /** Open rooms with gateway-stamped tracks (now or earlier in the session). */
    public List<String> gatewayClockedRooms() {
        List<String> ids = new ArrayList<>();
        for (RoomState room : rooms.values()) {
            if (room.isOpen() && room.isGatewayClocked()) {
                ids.add(room.roomId);
            }
        }
        return ids;
    }

    /** The binding a packet from {@code ssrc} on UDP {@code port} belongs to (thread-safe). */
    public Optional<RtpBinding> rtpBinding(int port, long ssrc) {
        return Optional.ofNullable(rtpIndex.find(port, ssrc));
    }

    public List<RtpBinding> rtpBindings() {
        return rtpIndex.all();
    }

    private PublishedTrack trackOf(String roomId, String participantId, String trackId) {
        RoomState room = rooms.get(roomId);
        return room == null ? null : room.track(participantId, trackId);
    }

    /** The format of a published track of an open room, if it is published. */
    public Optional<TrackFormat> trackFormat(String roomId, String participantId, String trackId) {
        RoomState room = rooms.get(roomId);
        PublishedTrack track =
                room == null || !room.isOpen() ? null : room.track(participantId, trackId);
        return track == null
                ? Optional.empty()
                : Optional.of(
                        new TrackFormat(
                                track.codec, track.sampleRate, track.channels, track.rtp != null));
    }

    /** The open session of {@code roomId}, if the room is open. */
    public Optional<String> openSession(String roomId) {
        RoomState room = rooms.get(roomId);
        return room != null && room.isOpen() ? Optional.of(room.sessionId()) : Optional.empty();
    }

    /** The room-clock start of the open session of {@code roomId}, or -1. */
    public long sessionStartUs(String roomId) {
        RoomState room = rooms.get(roomId);
        return room != null && room.isOpen() ? room.sessionStartUs() : -1;
    }

    public List<String> openRoomIds() {
        return rooms.values().stream()
                .filter(RoomState::isOpen)
                .map(r -> r.roomId)
                .sorted()
                .toList();
    }

    public int openRoomCount() {
        return (int) rooms.values().stream().filter(RoomState::isOpen).count();
    }
}
