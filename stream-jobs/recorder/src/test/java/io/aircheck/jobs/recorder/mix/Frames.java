package io.aircheck.jobs.recorder.mix;

/** Test frames: 20 ms of 48 kHz mono PCM with a constant value, on a given room clock time. */
public final class Frames {
    public static final String ROOM = "room-1";
    public static final String SESSION = "s1";

    private Frames() {}

    public static Frame pcm(String participant, long sequence, long timestampUs, short value) {
        return pcm(participant, sequence, timestampUs, value, 960);
    }

    public static Frame pcm(
            String participant, long sequence, long timestampUs, short value, int samples) {
        byte[] payload = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            payload[2 * i] = (byte) value;
            payload[2 * i + 1] = (byte) (value >> 8);
        }
        return new Frame(
                FrameKind.MEDIA,
                ROOM,
                SESSION,
                participant,
                "mic",
                sequence,
                timestampUs,
                AudioCodec.PCM_S16LE,
                48_000,
                1,
                payload,
                0,
                0,
                sequence);
    }

    public static Frame mark(FrameKind kind, long timestampUs) {
        return Frame.mark(kind, ROOM, SESSION, timestampUs);
    }
}
