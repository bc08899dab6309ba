package io.aircheck.capture.simulator;

import io.aircheck.media.AudioCodecException;
import io.aircheck.media.AudioFileReader;
import io.aircheck.media.OpusPacketEncoder;
import io.aircheck.media.PcmAudio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audio the simulated speakers say: each file decoded once to 48 kHz mono (padded to whole 20
 * ms frames) and encoded once to Opus packets, shared by every speaker who says it, so that a
 * thousand speakers cost no more encoding than one.
 */
public final class ClipLibrary {
    /** One clip: its PCM and its Opus packets, frame by frame. */
    public record Clip(Path file, PcmAudio pcm, List<byte[]> opus) {
        public int frames() {
            return pcm.frames() / SimulatedRoom.SAMPLES_PER_FRAME;
        }

        /** Frame {@code index} (wrapping around) as s16le PCM. */
        public byte[] pcmFrame(int index) {
            int from = Math.floorMod(index, frames()) * SimulatedRoom.SAMPLES_PER_FRAME;
            short[] samples =
                    Arrays.copyOfRange(pcm.samples(), from, from + SimulatedRoom.SAMPLES_PER_FRAME);
            return new PcmAudio(samples, SimulatedRoom.SAMPLE_RATE, 1).toS16le();
        }

        /** Frame {@code index} (wrapping around) as one Opus packet. */
        public byte[] opusFrame(int index) {
            return opus.get(Math.floorMod(index, frames()));
        }
    }

    private final List<Clip> clips;

    private ClipLibrary(List<Clip> clips) {
        this.clips = List.copyOf(clips);
    }

    /** Decodes and encodes {@code files} (any format FFmpeg reads). */
    public static ClipLibrary load(List<Path> files) {
        if (files.isEmpty()) {
            throw new SimulationException("no audio files to play");
        }
        AudioFileReader reader = AudioFileReader.lenient();
        List<Clip> clips = new ArrayList<>();
        for (Path file : files) {
            PcmAudio pcm;
            try {
                pcm = RoomSimulator.padToFrames(reader.read(file, SimulatedRoom.SAMPLE_RATE, 1));
            } catch (AudioCodecException e) {
                throw new SimulationException("cannot read " + file + ": " + e.getMessage(), e);
            }
            List<byte[]> opus = new ArrayList<>();
            try (OpusPacketEncoder encoder =
                    new OpusPacketEncoder(SimulatedRoom.SAMPLE_RATE, 1, FrameCodec.OPUS_BITRATE)) {
                int n = pcm.frames() / SimulatedRoom.SAMPLES_PER_FRAME;
                for (int i = 0; i < n; i++) {
                    int from = i * SimulatedRoom.SAMPLES_PER_FRAME;
                    opus.add(
                            encoder.encode(
                                    Arrays.copyOfRange(
                                            pcm.samples(),
                                            from,
                                            from + SimulatedRoom.SAMPLES_PER_FRAME)));
                }
            }
            clips.add(new Clip(file, pcm, opus));
        }
        return new ClipLibrary(clips);
    }

    public Clip clip(int index) {
        return clips.get(Math.floorMod(index, clips.size()));
    }

    public int size() {
        return clips.size();
    }

    /** The length of each clip in 20 ms frames. */
    public List<Integer> frameCounts() {
        return clips.stream().map(Clip::frames).toList();
    }
}
