package io.aircheck.capture.gateway;

import io.aircheck.capture.room.Rejection;
import io.aircheck.protocol.MalformedRecordException;
import io.aircheck.protocol.WireFormat;
import io.aircheck.protocol.v1.AudioFrame;
import java.nio.charset.StandardCharsets;

/**
 * {@code /v1/audio}: binary protobuf {@code AudioFrame}s, stamped on the room clock by the sender.
 */
public final class FrameConnection extends AudioConnection {

    FrameConnection(AudioConnections connections, FrameIngest frames, String source) {
        super(connections, frames, source);
    }

    @Override
    void binary(byte[] message) {
        AudioFrame frame;
        try {
            frame = WireFormat.parseFrame(message);
        } catch (MalformedRecordException e) {
            send(
                    frames.refuse(
                            new Rejection(Rejection.Code.MALFORMED, e.getMessage()),
                            null,
                            message,
                            origin,
                            null,
                            null,
                            null));
            return;
        }
        offer(frame, message);
    }

    @Override
    void text(String message) {
        send(
                frames.refuse(
                        new Rejection(
                                Rejection.Code.MALFORMED,
                                "text messages are not frames: send each AudioFrame as one binary protobuf message"),
                        null,
                        message.getBytes(StandardCharsets.UTF_8),
                        origin,
                        null,
                        null,
                        null));
    }
}
