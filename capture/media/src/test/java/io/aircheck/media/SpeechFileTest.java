package io.aircheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real speech file as the simulator gets them: espeak-ng's 22.05 kHz WAV, read at 48 kHz. */
class SpeechFileTest {

    @TempDir Path dir;

    @Test
    void speechKeepsItsDurationWhenResampled() throws Exception {
        Path wav = welcome();
        Ffprobe.Info info = Ffprobe.probe(wav);

        PcmAudio speech = new AudioFileReader().read(wav, 48_000, 1);

        assertThat(info.sampleRate()).isEqualTo(22_050);
        assertThat(speech.sampleRate()).isEqualTo(48_000);
        assertThat(speech.durationUs() / 1e6).isCloseTo(info.durationSeconds(), within(0.020));
        assertThat(speech.durationUs()).isGreaterThan(3_000_000);
        assertThat(peak(speech)).isGreaterThan(3000); // voice, not silence
    }

    @Test
    void bothOpusApplicationsCodeSpeechAtTheirBitrate() throws Exception {
        Path wav = welcome();
        short[] speech = new AudioFileReader().read(wav, 48_000, 1).samples();
        for (OpusPacketEncoder.Application application : OpusPacketEncoder.Application.values()) {
            long bytes = 0;
            int frames = speech.length / 960;
            boolean celt = true;
            try (OpusPacketEncoder encoder =
                    new OpusPacketEncoder(48_000, 1, 32_000, 5, application)) {
                for (int f = 0; f < frames; f++) {
                    byte[] packet = encoder.encode(speech, f * 960);
                    bytes += packet.length;
                    celt &= packet.length <= 2 || (packet[0] & 0xff) >> 3 >= 16;
                }
            }
            // unconstrained, CELT at complexity 5 came out at ~56 kb/s for a 32 kb/s target
            assertThat(bytes * 8.0 / (frames * 0.020))
                    .as("%s bitrate", application)
                    .isLessThan(32_000 * 1.15);
            assertThat(celt)
                    .as("%s coded by CELT", application)
                    .isEqualTo(application == OpusPacketEncoder.Application.AUDIO);
        }
    }

    @Test
    void speechSurvivesAnOpusMaster() throws Exception {
        Path wav = dir.resolve("speech.wav");
        Path opus = dir.resolve("speech.opus");
        Ffprobe.run(List.of("espeak-ng", "-w", wav.toString(), "One two three four five."));
        AudioFileReader reader = new AudioFileReader();
        PcmAudio speech = reader.read(wav, 48_000, 1);

        try (AudioFileWriter writer =
                AudioFileWriter.open(opus, AudioFormat.OGG_OPUS, 48_000, 1, 0)) {
            writer.write(speech);
        }
        PcmAudio decoded = reader.read(opus, 48_000, 1);

        double kbps = java.nio.file.Files.size(opus) * 8 / (speech.durationUs() / 1e6) / 1000;
        assertThat(decoded.frames()).isEqualTo(speech.frames());
        assertThat(kbps).isBetween(24.0, 40.0); // 32 kb/s target plus Ogg overhead
        assertThat(Signals.correlation(speech.samples(), decoded.samples(), 0)).isGreaterThan(0.8);
    }

    /** espeak-ng saying a few sentences, as its 22.05 kHz WAV. */
    private Path welcome() throws Exception {
        Path wav = dir.resolve("welcome.wav");
        Ffprobe.run(
                List.of(
                        "espeak-ng",
                        "-w",
                        wav.toString(),
                        "Welcome to the room. Today we talk about recording live audio, and how to replay it."));
        return wav;
    }

    private static int peak(PcmAudio pcm) {
        int peak = 0;
        for (short s : pcm.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
