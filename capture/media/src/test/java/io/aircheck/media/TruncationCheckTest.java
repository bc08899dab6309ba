package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TruncationCheckTest {

    @Test
    void completeOggStreamPasses() {
        byte[] ogg = concat(page(0x02, 100), page(0x00, 3000), page(0x04, 500));

        assertThat(TruncationCheck.check(ogg, ogg, ogg.length)).isEmpty();
    }

    @Test
    void cutOffLastPageIsFound() {
        byte[] ogg = concat(page(0x02, 100), page(0x00, 3000), page(0x04, 500));
        byte[] cut = Arrays.copyOf(ogg, ogg.length - 200);

        assertThat(TruncationCheck.check(cut, cut, cut.length))
                .contains("the last Ogg page is cut off");
    }

    @Test
    void streamWithoutEndOfStreamPageIsFound() {
        byte[] ogg = concat(page(0x02, 100), page(0x00, 3000));

        assertThat(TruncationCheck.ogg(ogg))
                .hasValueSatisfying(reason -> assertThat(reason).contains("end-of-stream"));
    }

    @Test
    void capturePatternInsidePacketDataIsNotAPage() {
        // the tail window starts inside a page whose data holds a false "OggS" with a huge length
        byte[] fake =
                concat(
                        "OggS".getBytes(StandardCharsets.US_ASCII),
                        new byte[22],
                        new byte[] {(byte) 255});
        byte[] data = concat(new byte[50], fake, new byte[40]);
        byte[] tail = concat(data, page(0x00, 700), page(0x04, 80));

        assertThat(TruncationCheck.ogg(tail)).isEmpty();
    }

    @Test
    void wavShorterThanItsHeaderIsFound() {
        byte[] wav = wav(1000);

        assertThat(TruncationCheck.check(wav, wav, wav.length)).isEmpty();
        byte[] cut = Arrays.copyOf(wav, 500);
        assertThat(TruncationCheck.check(cut, cut, cut.length))
                .hasValueSatisfying(reason -> assertThat(reason).contains("declares 1000 bytes"));
    }

    @Test
    void streamingWavWithUnknownSizeAndOtherFormatsPass() {
        byte[] streaming = wav(0);
        byte[] flac = "fLaC\0\0\0\"".getBytes(StandardCharsets.US_ASCII);

        assertThat(TruncationCheck.check(streaming, streaming, streaming.length + 5000L)).isEmpty();
        assertThat(TruncationCheck.check(flac, flac, 10)).isEmpty();
    }

    /** An Ogg page with {@code bodySize} bytes of pseudo-random body and a valid CRC. */
    static byte[] page(int headerType, int bodySize) {
        int segments = bodySize / 255 + 1;
        ByteBuffer page =
                ByteBuffer.allocate(27 + segments + bodySize).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) headerType);
        page.putLong(1234).putInt(1).putInt(7).putInt(0).put((byte) segments);
        for (int i = 0; i < segments - 1; i++) {
            page.put((byte) 255);
        }
        page.put((byte) (bodySize % 255));
        for (int i = 0; i < bodySize; i++) {
            page.put((byte) (i * 31 + 7));
        }
        byte[] bytes = page.array();
        ByteBuffer.wrap(bytes, 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc(bytes));
        return bytes;
    }

    /** Table-driven CRC-32/OGG, written independently of the checked code. */
    private static int crc(byte[] bytes) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int j = 0; j < 8; j++) {
                r = (r << 1) ^ ((r >>> 31) * 0x04c11db7);
            }
            table[i] = r;
        }
        int crc = 0;
        for (byte b : bytes) {
            crc = (crc << 8) ^ table[((crc >>> 24) ^ b) & 0xff];
        }
        return crc;
    }

    private static byte[] wav(int dataSize) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataSize);
        header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        header.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000);
        header.putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        return concat(header.array(), new byte[dataSize]);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
