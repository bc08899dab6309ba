package io.aircheck.capture.room;

import com.google.protobuf.ByteString;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.HandLowered;
import io.aircheck.protocol.v1.HandRaised;
import io.aircheck.protocol.v1.LinkPinned;
import io.aircheck.protocol.v1.Muted;
import io.aircheck.protocol.v1.ParticipantJoined;
import io.aircheck.protocol.v1.ParticipantLeft;
import io.aircheck.protocol.v1.ParticipantRemoved;
import io.aircheck.protocol.v1.RecordingConsentChanged;
import io.aircheck.protocol.v1.Role;
import io.aircheck.protocol.v1.RoleChanged;
import io.aircheck.protocol.v1.RoomClosed;
import io.aircheck.protocol.v1.RoomEvent;
import io.aircheck.protocol.v1.RoomOpened;
import io.aircheck.protocol.v1.RtpSource;
import io.aircheck.protocol.v1.TrackPublished;
import io.aircheck.protocol.v1.TrackUnpublished;
import io.aircheck.protocol.v1.Unmuted;

/** Test builders of room events and frames, as a source would send them. */
public final class RoomEvents {
    private RoomEvents() {}

    public static RoomEvent.Builder event(String roomId, String eventId, long timestampUs) {
        return RoomEvent.newBuilder()
                .setRoomId(roomId)
                .setEventId(eventId)
                .setTimestampUs(timestampUs);
    }

    public static RoomEvent opened(String roomId, String eventId, long ts) {
        return event(roomId, eventId, ts)
                .setRoomOpened(RoomOpened.newBuilder().setTitle("Test room").setHostId("host"))
                .build();
    }

    public static RoomEvent closed(String roomId, String eventId, long ts) {
        return event(roomId, eventId, ts).setRoomClosed(RoomClosed.newBuilder()).build();
    }

    public static RoomEvent joined(String roomId, String eventId, long ts, String pid, Role role) {
        return event(roomId, eventId, ts)
                .setParticipantJoined(
                        ParticipantJoined.newBuilder()
                                .setParticipantId(pid)
                                .setDisplayName(pid)
                                .setRole(role))
                .build();
    }

    public static RoomEvent left(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setParticipantLeft(ParticipantLeft.newBuilder().setParticipantId(pid))
                .build();
    }

    public static RoomEvent removed(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setParticipantRemoved(
                        ParticipantRemoved.newBuilder().setParticipantId(pid).setBy("host"))
                .build();
    }

    public static RoomEvent roleChanged(
            String roomId, String eventId, long ts, String pid, Role role) {
        return event(roomId, eventId, ts)
                .setRoleChanged(RoleChanged.newBuilder().setParticipantId(pid).setRole(role))
                .build();
    }

    public static RoomEvent handRaised(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setHandRaised(HandRaised.newBuilder().setParticipantId(pid))
                .build();
    }

    public static RoomEvent handLowered(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setHandLowered(HandLowered.newBuilder().setParticipantId(pid))
                .build();
    }

    public static RoomEvent muted(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setMuted(Muted.newBuilder().setParticipantId(pid))
                .build();
    }

    public static RoomEvent unmuted(String roomId, String eventId, long ts, String pid) {
        return event(roomId, eventId, ts)
                .setUnmuted(Unmuted.newBuilder().setParticipantId(pid))
                .build();
    }

    public static RoomEvent consent(
            String roomId, String eventId, long ts, String pid, boolean ok) {
        return event(roomId, eventId, ts)
                .setRecordingConsentChanged(
                        RecordingConsentChanged.newBuilder().setParticipantId(pid).setConsent(ok))
                .build();
    }

    public static RoomEvent linkPinned(String roomId, String eventId, long ts, String url) {
        return event(roomId, eventId, ts)
                .setLinkPinned(LinkPinned.newBuilder().setUrl(url).setTitle("link"))
                .build();
    }

    public static RoomEvent published(
            String roomId, String eventId, long ts, String pid, String trackId) {
        return published(roomId, eventId, ts, pid, trackId, Codec.PCM_S16LE, 48000, 1);
    }

    public static RoomEvent published(
            String roomId,
            String eventId,
            long ts,
            String pid,
            String trackId,
            Codec codec,
            int sampleRate,
            int channels) {
        return event(roomId, eventId, ts)
                .setTrackPublished(
                        TrackPublished.newBuilder()
                                .setParticipantId(pid)
                                .setTrackId(trackId)
                                .setCodec(codec)
                                .setSampleRate(sampleRate)
                                .setChannels(channels))
                .build();
    }

    /** An Opus track bound to an RTP stream: {@code ssrc} null = any, port 0 = gateway's choice. */
    public static RoomEvent publishedRtp(
            String roomId,
            String eventId,
            long ts,
            String pid,
            String trackId,
            int port,
            Long ssrc) {
        RtpSource.Builder rtp = RtpSource.newBuilder().setPort(port);
        if (ssrc != null) {
            rtp.setSsrc((int) (long) ssrc);
        }
        return event(roomId, eventId, ts)
                .setTrackPublished(
                        TrackPublished.newBuilder()
                                .setParticipantId(pid)
                                .setTrackId(trackId)
                                .setCodec(Codec.OPUS)
                                .setSampleRate(48000)
                                .setChannels(1)
                                .setRtp(rtp))
                .build();
    }

    public static RoomEvent unpublished(
            String roomId, String eventId, long ts, String pid, String trackId) {
        return event(roomId, eventId, ts)
                .setTrackUnpublished(
                        TrackUnpublished.newBuilder().setParticipantId(pid).setTrackId(trackId))
                .build();
    }

    /** A 20 ms PCM frame (48 kHz mono) of {@code pid}'s {@code trackId}. */
    public static AudioFrame.Builder frame(
            String roomId, String pid, String trackId, long sequence, long ts) {
        return AudioFrame.newBuilder()
                .setRoomId(roomId)
                .setParticipantId(pid)
                .setTrackId(trackId)
                .setSequence(sequence)
                .setTimestampUs(ts)
                .setCodec(Codec.PCM_S16LE)
                .setSampleRate(48000)
                .setChannels(1)
                .setPayload(ByteString.copyFrom(new byte[1920]));
    }
}
