package io.aircheck.capture.room;

import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.List;

/** What the gateway does with one incoming room event. */
public sealed interface EventDecision {

    /**
     * Write {@code event} (session id, timestamp and source filled in) to {@code room.events}, then
     * {@code marks} (in this order) to {@code room.audio}; once written, {@link
     * RoomRegistry#apply(RoomEvent)} it.
     */
    record Accepted(RoomEvent event, List<AudioFrame> marks) implements EventDecision {
        public Accepted {
            marks = List.copyOf(marks);
        }
    }

    /** The event id was accepted before; nothing is written again. */
    record Duplicate(AcceptedEvent original) implements EventDecision {}

    /** The event is refused; it goes to the dead-letter topic. */
    record Rejected(Rejection rejection) implements EventDecision {}
}
