package io.aircheck.capture.room;

import io.aircheck.protocol.v1.Codec;

/** A track a participant published: what its frames must look like, and the sequences accepted. */
final class PublishedTrack {
    final String participantId;
    final String trackId;
    final Codec codec;
    final int sampleRate;
    final int channels;
    final SequenceWindow sequences = new SequenceWindow();

    PublishedTrack(
            String participantId, String trackId, Codec codec, int sampleRate, int channels) {
        this.participantId = participantId;
        this.trackId = trackId;
        this.codec = codec;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    String describe() {
        return "track '"
                + trackId
                + "' ("
                + codec
                + ", "
                + sampleRate
                + " Hz, "
                + channels
                + (channels == 1 ? " channel)" : " channels)");
    }

    static String key(String participantId, String trackId) {
        return participantId + "/" + trackId;
    }
}
