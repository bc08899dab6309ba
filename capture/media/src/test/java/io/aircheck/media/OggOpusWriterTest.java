package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OggOpusWriterTest {
    private static final int RATE = 48_000;

    @TempDir Path dir;

    /** 2 s of a sweep as 100 raw 20 ms packets, as an SFU would forward them. */
    private static List<byte[]> packets(PcmAudio pcm) {
        List<byte[]> packets = new ArrayList<>();
        try (OpusPacketEncoder encoder = new OpusPacketEncoder(RATE, pcm.channels(), 0, 5)) {
            for (int at = 0; at + 960 * pcm.channels() <= pcm.samples().length; ) {
                packets.add(encoder.encode(pcm.samples(), at));
                at += 960 * pcm.channels();
            }
        }
        return packets;
    }

    private static byte[] remux(
            List<byte[]> packets, int preSkip, long finalGranule, Map<String, String> tags)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OggOpusWriter writer = new OggOpusWriter(out, 0x5eed, 1, preSkip, RATE, tags);
        for (byte[] p : packets) {
            writer.write(p);
        }
        writer.finish(finalGranule < 0 ? writer.granule() : finalGranule);
        return out.toByteArray();
    }

    @Test
    void remuxingIsLosslessTheFileCarriesThePacketsAsTheyCame() throws Exception {
        List<byte[]> packets = packets(Signals.chirp(200, 4000, 2.0, RATE, 0.5));
        PcmCollector direct = new PcmCollector(1);
        try (OpusPacketDecoder decoder = new OpusPacketDecoder(RATE, 1)) {
            for (byte[] p : packets) {
                short[] pcm = decoder.decode(p);
                direct.accept(pcm, 0, pcm.length);
            }
        }
        byte[] ogg = remux(packets, 0, -1, Map.of());
        Path file = dir.resolve("track.opus");
        Files.write(file, ogg);

        List<byte[]> carried = new OggPages(ogg).packets;
        assertThat(carried.subList(2, carried.size())).containsExactlyElementsOf(packets);
        // FFmpeg's own Opus decoder (not libopus) hears the same audio, aligned, at full length
        PcmAudio decoded = new AudioFileReader().read(file, RATE, 1);
        assertThat(decoded.frames()).isEqualTo(100 * 960);
        double[] lag = Signals.bestLag(direct.toArray(), decoded.samples(), 48);
        assertThat(lag[0]).as("samples FFmpeg's decoder lags libopus").isLessThanOrEqualTo(4);
        assertThat(lag[1]).isGreaterThan(0.99);
        assertThat(Ffprobe.probe(file).codec()).isEqualTo("opus");
        assertThat(Ffprobe.decodedFrames(file, RATE)).isEqualTo(100 * 960);
    }

    @Test
    void pagesAreWellFormedWithGranulesHeadersAndTags() throws Exception {
        List<byte[]> packets = packets(Signals.sine(440, 2.0, RATE, 1, 0.3));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AIRCHECK_OFFSET_US", "1370000");
        tags.put("TITLE", "Zoë's track");
        OggPages ogg = new OggPages(remux(packets, 312, 312 + 95_000, tags));

        assertThat(ogg.pages).allSatisfy(p -> assertThat(p.crc()).isEqualTo(p.computedCrc()));
        assertThat(ogg.pages).extracting(OggPages.Page::serial).containsOnly(0x5eed);
        assertThat(ogg.pages).extracting(OggPages.Page::sequence).containsExactly(0, 1, 2, 3);
        assertThat(ogg.pages.get(0).flags()).isEqualTo((byte) 0x02); // BOS
        assertThat(ogg.pages.get(3).flags()).isEqualTo((byte) 0x04); // EOS
        assertThat(ogg.pages)
                .extracting(OggPages.Page::granule)
                .containsExactly(0L, 0L, 48_000L, 312L + 95_000);
        ByteBuffer head = ByteBuffer.wrap(ogg.packets.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(ogg.packets.get(0), 0, 8, StandardCharsets.US_ASCII))
                .isEqualTo("OpusHead");
        assertThat(head.get(9)).isEqualTo((byte) 1);
        assertThat(head.getShort(10)).isEqualTo((short) 312);
        assertThat(head.getInt(12)).isEqualTo(RATE);
        String comments = new String(ogg.packets.get(1), StandardCharsets.UTF_8);
        assertThat(comments)
                .startsWith("OpusTags")
                .contains("AIRCHECK_OFFSET_US=1370000", "TITLE=Zoë's track");
        assertThat(ogg.packets.subList(2, ogg.packets.size())).containsExactlyElementsOf(packets);
    }

    @Test
    void theEndIsTrimmedToTheExactLengthAndTagsReadBack() throws Exception {
        List<byte[]> packets = packets(Signals.sine(440, 2.0, RATE, 1, 0.3));
        Path file = dir.resolve("trimmed.opus");
        Files.write(file, remux(packets, 312, 312 + 95_123, Map.of("AIRCHECK_START_US", "42")));

        assertThat(new AudioFileReader().read(file, RATE, 1).frames()).isEqualTo(95_123);
        assertThat(Ffprobe.decodedFrames(file, RATE)).isEqualTo(95_123);
        String tags =
                Ffprobe.run(
                        List.of(
                                "ffprobe",
                                "-v",
                                "error",
                                "-show_entries",
                                "stream_tags",
                                file.toString()));
        assertThat(tags).contains("AIRCHECK_START_US=42");
    }

    @Test
    void lostPacketsKeepTheTimelineAndDecodeToSilence() throws Exception {
        List<byte[]> speech = packets(Signals.sine(440, 2.0, RATE, 1, 0.5));
        List<byte[]> withGap = new ArrayList<>(speech.subList(0, 50));
        withGap.addAll(OpusPackets.lost(speech.get(49)[0] & 0xff, 3 * RATE + 240)); // 3.005 s
        withGap.addAll(speech.subList(50, 100));
        Path file = dir.resolve("gap.opus");
        Files.write(file, remux(withGap, 0, -1, Map.of()));

        PcmAudio decoded = new AudioFileReader().read(file, RATE, 1);
        assertThat(decoded.frames()).isEqualTo(100 * 960 + 3 * RATE + 240);
        assertThat(Ffprobe.decodedFrames(file, RATE)).isEqualTo(decoded.frames());
        // the concealment fades out: the gap's last two seconds are silent
        short[] s = decoded.samples();
        assertThat(rms(s, 50 * 960 + RATE, 50 * 960 + 3 * RATE)).isLessThan(5);
        // and the audio after the gap is where it belongs: the tone is back at full level
        int after = 50 * 960 + 3 * RATE + 240;
        assertThat(rms(s, after + 960, after + 20 * 960)).isGreaterThan(0.3 * 32767 / 2);
    }

    @Test
    void aPacketThatDoesNotFitThePageContinuesOnTheNext() throws Exception {
        // RFC 6716 code-3 CBR packets: 3 x 20 ms (3,827 bytes), then 48 x 2.5 ms (61,202 bytes):
        // 16 + 241 lacing values do not fit one page's 255
        byte[] first = new byte[2 + 3 * 1275];
        first[0] = (byte) (31 << 3 | 0x3);
        first[1] = 3;
        byte[] second = new byte[2 + 48 * 1275];
        second[0] = (byte) (28 << 3 | 0x3);
        second[1] = 48;
        OggPages ogg = new OggPages(remux(List.of(first, second, first), 0, -1, Map.of()));

        assertThat(ogg.packets.subList(2, ogg.packets.size()))
                .containsExactly(first, second, first);
        assertThat(ogg.pages).allSatisfy(p -> assertThat(p.crc()).isEqualTo(p.computedCrc()));
        assertThat(ogg.pages)
                .anySatisfy(p -> assertThat(p.flags() & 0x01).isEqualTo(1)); // continued
        assertThat(ogg.pages.get(ogg.pages.size() - 1).granule()).isEqualTo(2 * 2880L + 5760);
    }

    @Test
    void refusesWhatWouldMakeABrokenStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OggOpusWriter writer = new OggOpusWriter(out, 1, 1, 0, RATE, Map.of());
        assertThatThrownBy(() -> writer.write(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        writer.write(new byte[] {(byte) (31 << 3), 1, 2});
        assertThatThrownBy(() -> writer.finish(961)).hasMessageContaining("outside");
        writer.finish(900);
        assertThatThrownBy(() -> writer.write(new byte[] {(byte) (31 << 3)}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new OggOpusWriter(out, 1, 3, 0, RATE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OggOpusWriter(out, 1, 1, 0, RATE, Map.of("A=B", "c")))
                .hasMessageContaining("bad comment name");
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
