package io.aircheck.jobs.recorder.mix;

/** The payload codecs the recorder decodes. */
public enum AudioCodec {
    OPUS,
    PCM_S16LE
}
