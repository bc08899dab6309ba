package io.aircheck.capture.room;

import java.util.Objects;

/**
 * Why the gateway refused a record: a code a program can branch on and a sentence a person can act
 * on.
 */
public record Rejection(Code code, String message) {

    /** The kinds of refusal. Adapters map them onto their protocol (e.g. HTTP status codes). */
    public enum Code {
        /** The bytes are not a record of the contract (garbage, unknown field, missing kind). */
        MALFORMED,
        /** The record parses but breaks a rule of its own (bad id, codec, timestamp, ...). */
        INVALID,
        /** The payload is larger than the configured maximum. */
        TOO_LARGE,
        /** No room with that id was ever opened. */
        UNKNOWN_ROOM,
        /**
         * The record does not fit the room's current state (closed room, absent participant, ...).
         */
        CONFLICT,
        /** The record was already accepted (same event id, same frame sequence). */
        DUPLICATE
    }

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static Rejection malformed(String message) {
        return new Rejection(Code.MALFORMED, message);
    }

    static Rejection invalid(String message) {
        return new Rejection(Code.INVALID, message);
    }

    static Rejection conflict(String message) {
        return new Rejection(Code.CONFLICT, message);
    }

    static Rejection unknownRoom(String roomId) {
        return new Rejection(
                Code.UNKNOWN_ROOM,
                "unknown room '" + roomId + "': open it with a RoomOpened event first");
    }

    static Rejection closedRoom(String roomId) {
        return new Rejection(Code.CONFLICT, "room '" + roomId + "' is closed");
    }
}
