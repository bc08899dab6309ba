package io.aircheck.capture.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One speaker's track on its way to the gateway, whatever the source: it goes on air ({@link
 * #publish}), sends frames as turns of speech come, pauses between turns, and goes off air once the
 * gateway has what was sent ({@link #unpublish}), or ends when an event ended it (demotion).
 */
abstract class TrackSender {
    static final String TRACK_ID = RoomScript.TRACK_ID;

    final String roomId;
    final String participantId;
    final AtomicLong planned = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    volatile boolean ready;
    volatile boolean ended;

    TrackSender(String roomId, String participantId) {
        this.roomId = roomId;
        this.participantId = participantId;
    }

    /** Goes on air (blocking: an HTTP call or a socket to open). */
    abstract void publish();

    /**
     * Sends frame {@code index} of {@code clip} whose media starts at {@code roomUs} on the room's
     * own time; returns the sequence the gateway will give it.
     */
    abstract long send(ClipLibrary.Clip clip, int index, long roomUs, long nowNanos);

    /** A turn of speech starts (after a pause). */
    void turnStarts() {}

    /** A turn of speech ended: the speaker is silent until the next. */
    void turnEnds() {}

    /** Goes off air once what was sent is with the gateway (blocking). */
    abstract void unpublish();

    /** An event ended the track in the gateway (demotion, leaving): stop quietly. */
    void endedByEvent() {
        ended = true;
    }
}
