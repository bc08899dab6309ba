package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;

/** What the gateway does with one incoming audio frame. */
public sealed interface FrameDecision {

    /**
     * Write {@code frame} (session id, codec and discontinuity filled in) to {@code room.audio} and
     * {@link RoomRegistry#applyFrame(AudioFrame)} it.
     */
    record Accepted(AudioFrame frame) implements FrameDecision {}

    /** The frame is refused: the client is told why and it goes to the dead-letter topic. */
    record Rejected(Rejection rejection) implements FrameDecision {}
}
