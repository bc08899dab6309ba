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

    /** Its RTP binding, or null when its frames come as AudioFrames. */
    final RtpBinding rtp;

    /**
     * Published before the gateway (re)started: frames it accepted then are not in {@link
     * #sequences}, so sequences the gateway numbers itself start past them.
     */
    boolean restored;

    PublishedTrack(
            String participantId, String trackId, Codec codec, int sampleRate, int channels) {
        this(participantId, trackId, codec, sampleRate, channels, null);
    }

    PublishedTrack(
            String participantId,
            String trackId,
            Codec codec,
            int sampleRate,
            int channels,
            RtpBinding rtp) {
        this.participantId = participantId;
        this.trackId = trackId;
        this.codec = codec;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.rtp = rtp;
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
