package io.aircheck.jobs.recorder.mix;

/** What a record of {@code room.audio} is: media, or one of capture's in-band marks. */
public enum FrameKind {
    MEDIA,
    SESSION_STARTED,
    SESSION_ENDED,
    TRACK_ENDED,
    CLOCK
}
