package io.aircheck.capture.room;

import io.aircheck.protocol.v1.Codec;

/** How a published track's frames look, and whether it is bound to an RTP stream. */
public record TrackFormat(Codec codec, int sampleRate, int channels, boolean rtp) {}
