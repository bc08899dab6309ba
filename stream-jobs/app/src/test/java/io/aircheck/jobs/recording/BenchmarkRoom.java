package io.aircheck.jobs.recording;

import com.google.protobuf.ByteString;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.OggOpusWriter;
import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.OpusPackets;
import io.aircheck.protocol.v1.AudioFrame;
import io.aircheck.protocol.v1.Codec;
import io.aircheck.protocol.v1.StreamMark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark's room: four espeak-ng speakers taking turns (6 s each), joining 0.2 s apart, their
 * microphones sending 20 ms Opus packets as {@link Sending} says (the quiet ones' packets carry
 * their room noise). The speakers' packets are encoded once and reused by every room (rooms differ
 * by id and clock); the same packets go to the FFmpeg CLI as Ogg Opus files.
 */
final class BenchmarkRoom {
    /** How the microphones send. */
    enum Sending {
        /** A packet every 20 ms all the time, as WebRTC does without DTX. */
        ALWAYS,
        /**
         * As a WebRTC client with DTX (LiveKit's default for microphones) or one that stops sending
         * while muted: packets while its speaker talks and for 200 ms after (libopus' DTX
         * hangover), then one comfort-noise update every 400 ms.
         */
        DTX;

        /**
         * Whether the frame that is {@code quietFrames} into a quiet stretch is sent (0: talking).
         */
        boolean sends(int quietFrames) {
            return this == ALWAYS
                    || quietFrames <= DTX_HANGOVER_FRAMES
                    || (quietFrames - DTX_HANGOVER_FRAMES) % DTX_UPDATE_FRAMES == 0;
        }

        static Sending parse(String name) {
            return io.aircheck.config.Choice.parse(Sending.class, name, "microphone sending");
        }
    }

    private static final int DTX_HANGOVER_FRAMES = 10;
    private static final int DTX_UPDATE_FRAMES = 20;

    static final int SPEAKERS = 4;
    static final long JOIN_STEP_US = 200_000;
    private static final String[] VOICES = {"en+m1", "en+f2", "en+m3", "en+f4"};

    /** Per speaker, the packets from its join to the room's end (sent or not). */
    final List<List<byte[]>> packets = new ArrayList<>();

    /** Per speaker, which of {@link #packets} its microphone sends. */
    final List<boolean[]> sent = new ArrayList<>();

    final long lengthUs;

    BenchmarkRoom(Path work, long lengthUs, String text, Sending sending) throws Exception {
        this.lengthUs = lengthUs;
        int total = (int) (lengthUs * 48 / 1000);
        Random noise = new Random(42);
        for (int s = 0; s < SPEAKERS; s++) {
            Path wav = work.resolve("voice-" + s + ".wav");
            Ffmpeg.run(
                    List.of(
                            "espeak-ng",
                            "-v",
                            VOICES[s],
                            "-s",
                            String.valueOf(150 + 10 * s),
                            "-w",
                            wav.toString(),
                            text));
            short[] voice = AudioFileReader.lenient().read(wav, 48_000, 1).samples();
            int from = (int) (s * JOIN_STEP_US * 48 / 1000);
            short[] mic = new short[total - from];
            for (int i = 0; i < mic.length; i++) {
                long atUs = (from + i) * 1000L / 48;
                int turn = (int) (atUs / 6_000_000L);
                boolean speaking = turn % SPEAKERS == s;
                int sample =
                        speaking ? voice[(int) ((atUs * 48 / 1000 + s * 7919L) % voice.length)] : 0;
                mic[i] = (short) (sample + noise.nextGaussian() * 30); // a quiet room's noise
            }
            List<byte[]> track = new ArrayList<>();
            boolean[] sends = new boolean[mic.length / 960];
            int quiet = 0;
            try (OpusPacketEncoder encoder = new OpusPacketEncoder(48_000, 1, 0, 5)) {
                for (int at = 0; at + 960 <= mic.length; at += 960) {
                    long atUs = (from + at) * 1000L / 48;
                    quiet = (int) (atUs / 6_000_000L) % SPEAKERS == s ? 0 : quiet + 1;
                    sends[track.size()] = sending.sends(quiet);
                    track.add(encoder.encode(mic, at));
                }
            }
            packets.add(track);
            sent.add(sends);
        }
    }

    /** A record for the log: its room-clock time and value. */
    record Record(long atUs, byte[] value) {}

    /** The room's records in log order, with the given ids and clock. */
    List<Record> records(String room, String session, long t0) {
        List<Record> records = new ArrayList<>();
        records.add(new Record(t0, mark(room, session, StreamMark.SESSION_STARTED, t0)));
        for (int s = 0; s < SPEAKERS; s++) {
            long join = t0 + s * JOIN_STEP_US;
            List<byte[]> track = packets.get(s);
            int sequence = 0;
            for (int i = 0; i < track.size(); i++) {
                if (!sent.get(s)[i]) {
                    continue;
                }
                long at = join + i * 20_000L;
                records.add(
                        new Record(
                                at,
                                AudioFrame.newBuilder()
                                        .setRoomId(room)
                                        .setSessionId(session)
                                        .setParticipantId("speaker-" + s)
                                        .setTrackId("mic")
                                        .setSequence(sequence++)
                                        .setTimestampUs(at)
                                        .setCodec(Codec.OPUS)
                                        .setSampleRate(48_000)
                                        .setChannels(1)
                                        .setPayload(ByteString.copyFrom(track.get(i)))
                                        .build()
                                        .toByteArray()));
            }
        }
        records.sort(Comparator.comparingLong(Record::atUs));
        records.add(
                new Record(
                        t0 + lengthUs,
                        mark(room, session, StreamMark.SESSION_ENDED, t0 + lengthUs)));
        return records;
    }

    /**
     * The speakers' packets as Ogg Opus files (a remux), the FFmpeg CLI's inputs; frames not sent
     * are lost frames there (as in the job's own tracks), so the files keep the room's timeline.
     */
    List<Path> oggFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < SPEAKERS; s++) {
            Path file = dir.resolve("speaker-" + s + ".opus");
            try (OutputStream out = Files.newOutputStream(file)) {
                OggOpusWriter writer = new OggOpusWriter(out, s + 1, 1, 0, 48_000, Map.of());
                int toc = -1;
                for (int i = 0; i < packets.get(s).size(); i++) {
                    byte[] p = packets.get(s).get(i);
                    if (sent.get(s)[i]) {
                        writer.write(p);
                        toc = p[0] & 0xff;
                    } else {
                        for (byte[] lost : OpusPackets.lost(toc, 960)) {
                            writer.write(lost);
                        }
                    }
                }
                writer.finish();
            }
            files.add(file);
        }
        return files;
    }

    private static byte[] mark(String room, String session, StreamMark mark, long atUs) {
        return AudioFrame.newBuilder()
                .setRoomId(room)
                .setSessionId(session)
                .setTimestampUs(atUs)
                .setMark(mark)
                .build()
                .toByteArray();
    }
}
