package io.aircheck.protocol;

/** Kafka record headers the project writes beside the protobuf value. */
public final class WireHeaders {
    /** The value's fully-qualified protobuf type, e.g. {@code aircheck.v1.AudioFrame}. */
    public static final String SCHEMA = "aircheck-schema";

    /** On dead letters: the reason, readable without decoding the value. */
    public static final String REASON = "aircheck-reason";

    private WireHeaders() {}
}
