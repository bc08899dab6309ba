package io.aircheck.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void readsTheFixedHeaderAndThePayload() {
        byte[] payload = RtpPackets.opus20ms(7, 80);
        RtpPacket p =
                RtpPackets.parse(
                        RtpPackets.packet(111, 65535, 4_294_967_295L, 3_657_939_715L, payload));
        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.marker()).isTrue();
        assertThat(p.sequence()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(4_294_967_295L);
        assertThat(p.ssrc()).isEqualTo(3_657_939_715L);
        assertThat(p.payload()).isEqualTo(payload);
    }

    @Test
    void skipsCsrcsAndTheHeaderExtensionAndDropsPadding() {
        byte[] payload = RtpPackets.opus20ms(9, 60);
        RtpPacket p = RtpPackets.parse(RtpPackets.packet(96, 1, 2, 3, payload, 3, true, 7));
        assertThat(p.csrcCount()).isEqualTo(3);
        assertThat(p.payloadOffset()).isEqualTo(12 + 12 + 12);
        assertThat(p.payload()).isEqualTo(payload);
    }

    @Test
    void refusesWhatCannotBeRtpWithAReason() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[11], 11))
                .hasMessage("a datagram of 11 bytes is shorter than an RTP header (12 bytes)");
        byte[] v1 = RtpPackets.packet(96, 1, 2, 3, new byte[] {1});
        v1[0] = 0x40;
        assertThatThrownBy(() -> RtpPacket.parse(v1, v1.length))
                .hasMessage("RTP version 1 (first byte 0x40); expected 2");
        byte[] csrc = RtpPackets.packet(96, 1, 2, 3, new byte[] {1});
        csrc[0] = (byte) 0x8f;
        assertThatThrownBy(() -> RtpPacket.parse(csrc, csrc.length))
                .hasMessage("the list of 15 CSRCs does not fit in a datagram of 13 bytes");
        byte[] ext = RtpPackets.packet(96, 1, 2, 3, new byte[] {1}, 0, true, 0);
        ext[15] = 50;
        assertThatThrownBy(() -> RtpPacket.parse(ext, ext.length))
                .hasMessage(
                        "a header extension of 50 words does not fit in a datagram of 25 bytes");
        byte[] pad = RtpPackets.packet(96, 1, 2, 3, new byte[] {1}, 0, false, 2);
        pad[pad.length - 1] = 9;
        assertThatThrownBy(() -> RtpPacket.parse(pad, pad.length))
                .hasMessage("padding of 9 bytes is impossible with 3 bytes after the header");
        byte[] zeroPad = Arrays.copyOf(pad, pad.length);
        zeroPad[zeroPad.length - 1] = 0;
        assertThatThrownBy(() -> RtpPacket.parse(zeroPad, zeroPad.length))
                .hasMessageStartingWith("padding of 0 bytes is impossible");
    }

    @Test
    void recognisesRtcpOnTheRtpPort() {
        byte[] senderReport = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0, 1};
        byte[] bye = {(byte) 0x81, (byte) 203, 0, 1, 0, 0, 0, 1};
        assertThat(RtpPacket.isRtcp(senderReport, senderReport.length)).isTrue();
        assertThat(RtpPacket.isRtcp(bye, bye.length)).isTrue();
        byte[] opus = RtpPackets.packet(111, 1, 2, 3, new byte[] {1});
        assertThat(RtpPacket.isRtcp(opus, opus.length)).isFalse();
    }

    @Test
    void opusPacketDurationsComeFromTheTocByte() {
        assertThat(duration(15 << 3)).isEqualTo(20_000); // hybrid FB 20 ms
        assertThat(duration(13 << 3)).isEqualTo(20_000); // hybrid SWB 20 ms... (config 13)
        assertThat(duration(1 << 3)).isEqualTo(20_000); // SILK NB 20 ms
        assertThat(duration(3 << 3)).isEqualTo(60_000); // SILK NB 60 ms
        assertThat(duration(16 << 3)).isEqualTo(2_500); // CELT NB 2.5 ms
        assertThat(duration((31 << 3) | 1)).isEqualTo(40_000); // CELT 20 ms, two frames
        assertThat(OpusPackets.durationUs(new byte[] {(byte) ((31 << 3) | 3), 6}, 0, 2))
                .isEqualTo(120_000);
        assertThat(OpusPackets.durationUs(new byte[] {(byte) ((31 << 3) | 3), 7}, 0, 2))
                .isNegative(); // 140 ms
        assertThat(OpusPackets.durationUs(new byte[] {(byte) ((31 << 3) | 3), 0}, 0, 2))
                .isNegative(); // no frames
        assertThat(OpusPackets.durationUs(new byte[] {(byte) ((31 << 3) | 3)}, 0, 1)).isNegative();
        assertThat(OpusPackets.durationUs(new byte[0], 0, 0)).isNegative();
    }

    private static int duration(int toc) {
        return OpusPackets.durationUs(new byte[] {(byte) toc, 0}, 0, 2);
    }
}
