package io.aircheck.capture.gateway;

import io.aircheck.capture.room.FrameDecision;
import io.aircheck.capture.room.Rejection;
import io.aircheck.capture.room.RoomRegistry;
import io.aircheck.protocol.Ids;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.Topics;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.AudioFrame;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes one audio frame as a client sent it (binary protobuf), decides on it under the room's lock
 * and hands it to Kafka in that order; the write's outcome reaches the connection's {@link
 * AckTracker}. Refused frames go to {@code room.audio.dlq}. Knows nothing of WebSockets.
 */
final class FrameIngest {
    private static final Logger LOG = LoggerFactory.getLogger(FrameIngest.class);

    private final RoomRegistry registry;
    private final RoomLocks locks;
    private final RoomLogWriter writer;
    private final IngestMetrics metrics;
    private final Executor failureHandling;

    FrameIngest(
            RoomRegistry registry,
            RoomLocks locks,
            RoomLogWriter writer,
            IngestMetrics metrics,
            Executor failureHandling) {
        this.registry = registry;
        this.locks = locks;
        this.writer = writer;
        this.metrics = metrics;
        this.failureHandling = failureHandling;
    }

    /** The error to tell the client, or empty when the frame was handed to Kafka. */
    Optional<ClientNotice> ingest(byte[] message, String origin, AckTracker acks) {
        AudioFrame frame;
        try {
            frame = WireFormat.parseFrame(message);
        } catch (MalformedRecordException e) {
            Rejection rejection = new Rejection(Rejection.Code.MALFORMED, e.getMessage());
            return Optional.of(reject(rejection, null, message, origin, null, null, null));
        }
        String roomId = frame.getRoomId();
        FrameDecision decision;
        synchronized (locks.of(roomId)) {
            decision = registry.decideFrame(frame);
            if (decision instanceof FrameDecision.Accepted accepted) {
                write(accepted.frame(), acks);
                return Optional.empty();
            }
        }
        Rejection rejection = ((FrameDecision.Rejected) decision).rejection();
        return Optional.of(
                reject(
                        rejection,
                        Ids.isValid(roomId) ? roomId : null,
                        message,
                        origin,
                        frame.getParticipantId(),
                        frame.getTrackId(),
                        frame.getSequence()));
    }

    /** Refuses a message that is not a frame at all (e.g. a text message). */
    ClientNotice refuse(byte[] message, String origin, Rejection rejection) {
        return reject(rejection, null, message, origin, null, null, null);
    }

    /** Called under the room's lock. */
    private void write(AudioFrame frame, AckTracker acks) {
        registry.applyFrame(frame);
        AckTracker.Write pending =
                acks.expect(
                        frame.getRoomId(),
                        frame.getParticipantId(),
                        frame.getTrackId(),
                        frame.getSequence());
        metrics.accepted(Topics.ROOM_AUDIO);
        writer.writeFrame(frame)
                .whenComplete(
                        (ok, error) -> {
                            if (error == null) {
                                pending.succeeded();
                            } else {
                                // not on the producer's thread: forgetting takes the room's lock
                                failureHandling.execute(() -> writeFailed(frame, pending, error));
                            }
                        });
    }

    private void writeFailed(AudioFrame frame, AckTracker.Write pending, Throwable error) {
        synchronized (locks.of(frame.getRoomId())) {
            registry.forgetFrame(frame);
        }
        metrics.writeFailed(Topics.ROOM_AUDIO);
        try (MDC.MDCCloseable room = MDC.putCloseable("roomId", frame.getRoomId())) {
            LOG.warn(
                    "frame {} of {}/{} not acknowledged by Kafka: {}",
                    frame.getSequence(),
                    frame.getParticipantId(),
                    frame.getTrackId(),
                    error.toString());
        }
        pending.failed(
                "the audio log did not acknowledge frame "
                        + frame.getSequence()
                        + " in time; send it again");
    }

    private ClientNotice reject(
            Rejection rejection,
            String roomId,
            byte[] message,
            String origin,
            String participantId,
            String trackId,
            Long sequence) {
        metrics.rejected(Topics.ROOM_AUDIO, rejection.code().name());
        LOG.debug("frame refused ({}): {}", rejection.code(), rejection.message());
        writer.writeDeadLetter(Topics.ROOM_AUDIO, roomId, message, rejection.message(), origin)
                .whenComplete(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.writeFailed(Topics.deadLetter(Topics.ROOM_AUDIO));
                                LOG.warn(
                                        "could not dead-letter a refused frame: {}",
                                        error.toString());
                            }
                        });
        return ClientNotice.error(
                rejection.code().name(),
                rejection.message(),
                roomId,
                emptyToNull(participantId),
                emptyToNull(trackId),
                sequence);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
