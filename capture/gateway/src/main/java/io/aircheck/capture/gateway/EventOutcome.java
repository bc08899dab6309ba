package io.aircheck.capture.gateway;

import io.aircheck.capture.room.AcceptedEvent;

/** The answer to one event a source sent, independent of the transport. */
sealed interface EventOutcome {

    /** Written to the log (Kafka acknowledged it). */
    record Accepted(AcceptedEvent event) implements EventOutcome {}

    /** Seen before; nothing was written again. */
    record Duplicate(AcceptedEvent original) implements EventOutcome {}

    /** Refused (and sent to {@code room.events.dlq}); {@code code} is a {@code Rejection.Code}. */
    record Rejected(String code, String message) implements EventOutcome {}

    /** The log did not acknowledge the write in time; the source may retry with the same id. */
    record Unavailable(String message) implements EventOutcome {}
}
