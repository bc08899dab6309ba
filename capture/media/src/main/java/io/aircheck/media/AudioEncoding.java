package io.aircheck.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One-shot encoding of PCM held in memory, through a temporary file. */
public final class AudioEncoding {

    private AudioEncoding() {}

    /** The complete file in {@code format} at the format's default bitrate. */
    public static byte[] encode(PcmAudio pcm, AudioFormat format) throws AudioCodecException {
        return encode(pcm, format, 0);
    }

    public static byte[] encode(PcmAudio pcm, AudioFormat format, int bitrate)
            throws AudioCodecException {
        Path temp = null;
        try {
            temp = Files.createTempFile("aircheck-media-", "." + format.extension());
            try (AudioFileWriter writer =
                    AudioFileWriter.open(temp, format, pcm.sampleRate(), pcm.channels(), bitrate)) {
                writer.write(pcm);
            }
            return Files.readAllBytes(temp);
        } catch (IOException e) {
            throw new AudioCodecException(
                    "cannot stage " + format + " output in a temporary file", true, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // leftover temp file
                }
            }
        }
    }
}
