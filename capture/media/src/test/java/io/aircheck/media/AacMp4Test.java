package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AAC packets into HLS fMP4 segments and a progressive M4A, remuxed without re-encoding. */
class AacMp4Test {
    private static final int RATE = 48_000;
    private static final int LENGTH = 3 * RATE + 777; // 3.016 s

    @TempDir Path dir;

    private record Encoded(AacTrack track, List<byte[]> packets) {}

    private static Encoded encode(PcmAudio pcm) {
        List<byte[]> packets = new ArrayList<>();
        try (AacPacketEncoder encoder = new AacPacketEncoder(RATE, 1, 0)) {
            for (int at = 0; at < pcm.samples().length; at += encoder.frameSize()) {
                packets.addAll(encoder.encode(pcm.samples(), at));
            }
            packets.addAll(encoder.flush());
            return new Encoded(AacTrack.of(encoder, 64_000), packets);
        }
    }

    @Test
    void theEncoderPrimesOneFrameAndDescribesItself() {
        Encoded aac = encode(Signals.sine(440, 1.0, RATE, 1, 0.3));
        assertThat(aac.track().primingSamples()).isEqualTo(1024);
        assertThat(aac.track().audioSpecificConfig()[0] >> 3).isEqualTo(2); // AAC-LC object type
        assertThat(aac.packets()).hasSize(RATE / 1024 + 1 + 1); // frames + the flushed tail
    }

    @Test
    void fragmentedSegmentsPlayBackGaplessAndAligned() throws Exception {
        PcmAudio sweep = Signals.chirp(200, 4000, LENGTH / (double) RATE, RATE, 0.5);
        Encoded aac = encode(sweep);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Path init = dir.resolve("init.mp4");
        Files.write(init, Fmp4Audio.initSegment(aac.track()));
        file.writeBytes(Files.readAllBytes(init));
        List<Path> segments = new ArrayList<>();
        for (int s = 0; s * 50 < aac.packets().size(); s++) {
            List<byte[]> some =
                    aac.packets().subList(s * 50, Math.min(aac.packets().size(), (s + 1) * 50));
            byte[] segment = Fmp4Audio.mediaSegment(s + 1, s * 50L * 1024, some);
            assertThat(Fmp4Audio.packets(segment)).containsExactlyElementsOf(some);
            Path path = dir.resolve("seg-" + s + ".m4s");
            Files.write(path, segment);
            segments.add(path);
            file.writeBytes(segment);
        }
        Path whole = dir.resolve("whole.mp4");
        Files.write(whole, file.toByteArray());

        PcmAudio decoded = new AudioFileReader().read(whole, RATE, 1);
        // the edit list drops the priming: lag 0; the end keeps the last frame's padding (< 1024)
        assertThat(Signals.bestLag(sweep.samples(), decoded.samples(), 2048)[0]).isEqualTo(0);
        assertThat(Signals.bestLag(sweep.samples(), decoded.samples(), 2048)[1])
                .isGreaterThan(0.95);
        assertThat(decoded.frames() - LENGTH).isBetween(0, 1023);
        String playlist =
                "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\"\n";
        for (Path segment : segments) {
            playlist += "#EXTINF:1.066667,\n" + segment.getFileName() + "\n";
        }
        Path m3u8 = dir.resolve("vod.m3u8");
        Files.writeString(m3u8, playlist + "#EXT-X-ENDLIST\n");
        Ffprobe.Info info = Ffprobe.probe(m3u8);
        assertThat(info.codec()).isEqualTo("aac");
        assertThat(info.sampleRate()).isEqualTo(RATE);
        assertThat(Ffprobe.decodedFrames(m3u8, RATE)).isBetween((long) LENGTH, LENGTH + 2048L);
    }

    @Test
    void aProgressiveM4aOfThePacketsHasItsIndexFirstAndTheExactDuration() throws Exception {
        PcmAudio sweep = Signals.chirp(200, 4000, LENGTH / (double) RATE, RATE, 0.5);
        Encoded aac = encode(sweep);
        int[] sizes = aac.packets().stream().mapToInt(p -> p.length).toArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = M4aFile.header(aac.track(), sizes, LENGTH);
        out.writeBytes(header);
        aac.packets().forEach(out::writeBytes);
        Path m4a = dir.resolve("room.m4a");
        Files.write(m4a, out.toByteArray());

        assertThat(new String(header, 4, 4)).isEqualTo("ftyp");
        assertThat(new String(header, header.length - 4, 4)).isEqualTo("mdat");
        Ffprobe.Info info = Ffprobe.probe(m4a);
        assertThat(info.codec()).isEqualTo("aac");
        assertThat(info.durationSeconds()).isCloseTo(LENGTH / (double) RATE, within(0.0005));
        PcmAudio decoded = new AudioFileReader().read(m4a, RATE, 1);
        assertThat(Signals.bestLag(sweep.samples(), decoded.samples(), 2048)[0]).isEqualTo(0);
        assertThat(decoded.frames() - LENGTH).isBetween(0, 1023);
        assertThatThrownBy(() -> M4aFile.header(aac.track(), sizes, sizes.length * 1024L))
                .hasMessageContaining("samples to keep");
    }
}
