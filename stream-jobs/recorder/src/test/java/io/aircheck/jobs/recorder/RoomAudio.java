package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.AudioCodec;
import io.aircheck.jobs.recorder.mix.Frame;
import io.aircheck.jobs.recorder.mix.FrameKind;
import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.PcmAudio;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A test room: speakers' frames on the room clock, as capture writes them into room.audio. */
final class RoomAudio {
    static final String ROOM = "room-1";
    static final String SESSION = "s1";
    static final long T0 = 1_700_000_000_000_000L;

    private final List<Frame> frames = new ArrayList<>();

    static short[] tone(double hz, double seconds, int rate, double amplitude) {
        short[] s = new short[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** Opus packets of 20 ms (as an SFU forwards them) from {@code atUs}; skips the lost ones. */
    RoomAudio opus(String participant, long atUs, short[] pcm48k, long... lostSequences) {
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(48_000, 1, 0, 5)) {
            for (int i = 0; (i + 1) * 960 <= pcm48k.length; i++) {
                byte[] packet = encoder.encode(pcm48k, i * 960);
                if (!contains(lostSequences, i)) {
                    frames.add(
                            media(
                                    participant,
                                    AudioCodec.OPUS,
                                    i,
                                    atUs + i * 20_000L,
                                    packet,
                                    48_000));
                }
            }
        }
        return this;
    }

    /** PCM frames of 20 ms at {@code rate} from {@code atUs}. */
    RoomAudio pcm(String participant, long atUs, short[] pcm, int rate) {
        int n = rate / 50;
        for (int i = 0; (i + 1) * n <= pcm.length; i++) {
            short[] slice = java.util.Arrays.copyOfRange(pcm, i * n, (i + 1) * n);
            frames.add(
                    media(
                            participant,
                            AudioCodec.PCM_S16LE,
                            i,
                            atUs + i * 20_000L,
                            new PcmAudio(slice, rate, 1).toS16le(),
                            rate));
        }
        return this;
    }

    /** The session: start mark, the frames in time order, end mark. */
    List<Frame> session(long endUs) {
        List<Frame> all = new ArrayList<>();
        all.add(Frame.mark(FrameKind.SESSION_STARTED, ROOM, SESSION, T0));
        frames.stream().sorted(Comparator.comparingLong(Frame::timestampUs)).forEach(all::add);
        all.add(Frame.mark(FrameKind.SESSION_ENDED, ROOM, SESSION, endUs));
        return all;
    }

    private static Frame media(
            String who, AudioCodec codec, long seq, long atUs, byte[] payload, int rate) {
        return new Frame(
                FrameKind.MEDIA,
                ROOM,
                SESSION,
                who,
                "mic",
                seq,
                atUs,
                codec,
                rate,
                1,
                payload,
                0,
                0,
                seq);
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
