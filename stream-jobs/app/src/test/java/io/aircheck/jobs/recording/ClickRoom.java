package io.aircheck.jobs.recording;

import com.google.protobuf.ByteString;
import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.PcmAudio;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.StreamMark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A test room as capture writes it into {@code room.audio}: speakers who join and leave at odd
 * times, over Opus (packets lost on the way) or PCM at 48 or 16 kHz, each humming quietly with
 * clicks (4 ms bursts) at known room-clock times; plus the bad records a live system meets: a
 * duplicate, an undecodable packet, a frame later than the jitter allowance, garbage bytes.
 */
final class ClickRoom {
    static final int RATE = 48_000;

    /** A speaker's track: codec, rate, when on the room clock, and where its clicks are. */
    record Speaker(
            String id,
            Codec codec,
            int rate,
            long fromUs,
            long toUs,
            List<Long> clicksUs,
            Set<Integer> lost) {}

    /** A record to write: its room-clock time (for pacing) and its bytes. */
    record Record(long atUs, byte[] value) {}

    final String room;
    final String session;
    final long t0;
    final long endUs;
    final List<Speaker> speakers;

    ClickRoom(String room, String session, long t0, long lengthUs, List<Speaker> speakers) {
        this.room = room;
        this.session = session;
        this.t0 = t0;
        this.endUs = t0 + lengthUs;
        this.speakers = speakers;
    }

    /** The standard test room: 9.3 s, three speakers, clicks at distinct times. */
    static ClickRoom standard(String room, String session, long t0) {
        return new ClickRoom(
                room,
                session,
                t0,
                9_300_000L,
                List.of(
                        new Speaker(
                                "alice",
                                Codec.OPUS,
                                48_000,
                                500_000,
                                6_500_000,
                                List.of(1_234_000L, 3_500_000L, 5_800_000L),
                                Set.of(120, 121, 122, 123, 124)),
                        new Speaker(
                                "bob",
                                Codec.PCM_S16LE,
                                48_000,
                                2_370_000,
                                8_510_000,
                                List.of(2_900_000L, 4_710_000L, 7_900_000L),
                                Set.of()),
                        new Speaker(
                                "carol",
                                Codec.PCM_S16LE,
                                16_000,
                                6_000_000,
                                9_000_000,
                                List.of(6_660_000L, 8_200_000L),
                                Set.of())));
    }

    /**
     * A 20 s room of the same kinds of speakers (Opus with losses, PCM at 48 and 16 kHz), long
     * enough for a job to be killed and started again while it is live.
     */
    static ClickRoom twentySeconds(String room, String session, long t0) {
        return new ClickRoom(
                room,
                session,
                t0,
                20_000_000L,
                List.of(
                        new Speaker(
                                "alice",
                                Codec.OPUS,
                                48_000,
                                500_000,
                                15_500_000,
                                List.of(
                                        1_234_000L,
                                        3_500_000L,
                                        5_800_000L,
                                        9_100_000L,
                                        13_300_000L),
                                Set.of(120, 121, 122, 123, 124, 601)),
                        new Speaker(
                                "bob",
                                Codec.PCM_S16LE,
                                48_000,
                                2_370_000,
                                19_510_000,
                                List.of(
                                        2_900_000L,
                                        4_710_000L,
                                        7_900_000L,
                                        11_050_000L,
                                        17_600_000L),
                                Set.of()),
                        new Speaker(
                                "carol",
                                Codec.PCM_S16LE,
                                16_000,
                                6_000_000,
                                19_700_000,
                                List.of(
                                        6_660_000L,
                                        8_200_000L,
                                        12_400_000L,
                                        16_250_000L,
                                        19_300_000L),
                                Set.of())));
    }

    /** A speaker's input: a quiet 150 Hz hum with 4 ms 3 kHz bursts at its clicks. */
    static short[] signal(Speaker s, int rate) {
        int n = (int) ((s.toUs() - s.fromUs()) * rate / 1_000_000L);
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) (0.03 * 32767 * Math.sin(2 * Math.PI * 150 * i / rate));
        }
        int burst = rate * 4 / 1000;
        for (long click : s.clicksUs()) {
            int at = (int) ((click - s.fromUs()) * rate / 1_000_000L);
            for (int i = 0; i < burst && at + i < n; i++) {
                double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / burst);
                pcm[at + i] +=
                        (short) (0.7 * 32767 * window * Math.sin(2 * Math.PI * 3000.0 * i / rate));
            }
        }
        return pcm;
    }

    /** Every record in log order: marks, frames, and the bad ones. */
    List<Record> records() {
        List<Record> records = new ArrayList<>();
        records.add(new Record(t0, mark(StreamMark.SESSION_STARTED, "", t0)));
        for (Speaker s : speakers) {
            records.addAll(frames(s));
            records.add(
                    new Record(t0 + s.toUs(), mark(StreamMark.TRACK_ENDED, s.id(), t0 + s.toUs())));
        }
        // the bad ones, where a live system would meet them
        records.add(new Record(t0 + 1_000_000, new byte[] {(byte) 0xde, (byte) 0xad, 1, 2}));
        records.add(
                new Record(
                        t0 + 6_300_000,
                        frame(
                                "bob",
                                Codec.PCM_S16LE,
                                48_000,
                                99_999,
                                t0 + 2_500_000,
                                new PcmAudio(new short[960], 48_000, 1).toS16le())));
        records.sort(Comparator.comparingLong(Record::atUs));
        records.add(new Record(endUs, mark(StreamMark.SESSION_ENDED, "", endUs)));
        return records;
    }

    private List<Record> frames(Speaker s) {
        List<Record> records = new ArrayList<>();
        short[] pcm = signal(s, s.rate());
        int perFrame = s.rate() / 50;
        OpusPacketEncoder encoder =
                s.codec() == Codec.OPUS ? new OpusPacketEncoder(48_000, 1, 0, 5) : null;
        try {
            for (int i = 0; (i + 1) * perFrame <= pcm.length; i++) {
                long at = t0 + s.fromUs() + i * 20_000L;
                byte[] payload =
                        encoder != null
                                ? encoder.encode(pcm, i * perFrame)
                                : new PcmAudio(
                                                java.util.Arrays.copyOfRange(
                                                        pcm, i * perFrame, (i + 1) * perFrame),
                                                s.rate(),
                                                1)
                                        .toS16le();
                if (s.lost().contains(i)) {
                    if (i == 122) { // one of the lost ones arrives broken instead
                        records.add(
                                new Record(
                                        at,
                                        frame(
                                                s.id(),
                                                s.codec(),
                                                s.rate(),
                                                i,
                                                at,
                                                new byte[] {(byte) (31 << 3 | 3), 0})));
                    }
                    continue;
                }
                records.add(new Record(at, frame(s.id(), s.codec(), s.rate(), i, at, payload)));
                if (i == 11 && s.codec() == Codec.OPUS) { // and one arrives twice
                    records.add(
                            new Record(
                                    at,
                                    frame(s.id(), s.codec(), s.rate(), 10, at - 20_000, payload)));
                }
            }
        } finally {
            if (encoder != null) {
                encoder.close();
            }
        }
        return records;
    }

    private byte[] frame(String who, Codec codec, int rate, long seq, long atUs, byte[] payload) {
        return AudioFrame.newBuilder()
                .setRoomId(room)
                .setSessionId(session)
                .setParticipantId(who)
                .setTrackId("mic")
                .setSequence(seq)
                .setTimestampUs(atUs)
                .setCodec(codec)
                .setSampleRate(rate)
                .setChannels(1)
                .setPayload(ByteString.copyFrom(payload))
                .build()
                .toByteArray();
    }

    private byte[] mark(StreamMark mark, String who, long atUs) {
        AudioFrame.Builder b =
                AudioFrame.newBuilder()
                        .setRoomId(room)
                        .setSessionId(session)
                        .setTimestampUs(atUs)
                        .setMark(mark);
        if (!who.isEmpty()) {
            b.setParticipantId(who).setTrackId("mic");
        }
        return b.build().toByteArray();
    }
}
