package io.aircheck.jobs.transcriber;

import io.aircheck.media.AudioCodecException;
import io.aircheck.media.OpusPacketDecoder;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a track's payloads into mono samples at the track's input rate: PCM s16le in Java (channels
 * averaged), Opus through libopus at 48 kHz (one stateful decoder per track, kept here, outside
 * Flink state: after a restore a track's decoder starts afresh, which changes at most the first
 * packet's samples).
 */
final class TrackDecoders implements AutoCloseable {
    static final int OPUS_RATE = 48_000;

    private final Map<String, OpusPacketDecoder> opus = new HashMap<>();

    /** The rate {@link #decode} returns samples at for this codec and sender rate. */
    static int inputRate(TrackAudio.Codec codec, int senderRate) {
        return codec == TrackAudio.Codec.OPUS ? OPUS_RATE : senderRate;
    }

    short[] decode(String trackKey, TrackAudio frame) throws UndecodablePayloadException {
        return switch (frame.codec()) {
            case PCM_S16LE -> pcm(frame.payload(), frame.channels());
            case OPUS -> opus(trackKey, frame);
        };
    }

    void release(String trackKey) {
        OpusPacketDecoder decoder = opus.remove(trackKey);
        if (decoder != null) {
            decoder.close();
        }
    }

    @Override
    public void close() {
        opus.values().forEach(OpusPacketDecoder::close);
        opus.clear();
    }

    private short[] opus(String trackKey, TrackAudio frame) throws UndecodablePayloadException {
        OpusPacketDecoder decoder = opus.get(trackKey);
        if (decoder == null) {
            try {
                decoder = new OpusPacketDecoder(OPUS_RATE, frame.channels());
            } catch (RuntimeException e) {
                throw new UndecodablePayloadException(
                        "cannot open an Opus decoder: " + e.getMessage());
            }
            opus.put(trackKey, decoder);
        }
        short[] interleaved;
        try {
            interleaved = decoder.decode(frame.payload());
        } catch (AudioCodecException | RuntimeException e) {
            throw new UndecodablePayloadException("undecodable Opus packet: " + e.getMessage());
        }
        return frame.channels() == 1 ? interleaved : downmix(interleaved, frame.channels());
    }

    static short[] pcm(byte[] payload, int channels) throws UndecodablePayloadException {
        int bytesPerFrame = 2 * channels;
        if (payload.length == 0 || payload.length % bytesPerFrame != 0) {
            throw new UndecodablePayloadException(
                    "PCM s16le payload of "
                            + payload.length
                            + " bytes is not a whole number of "
                            + channels
                            + "-channel samples");
        }
        short[] interleaved = new short[payload.length / 2];
        for (int i = 0; i < interleaved.length; i++) {
            interleaved[i] = (short) ((payload[2 * i] & 0xff) | (payload[2 * i + 1] << 8));
        }
        return channels == 1 ? interleaved : downmix(interleaved, channels);
    }

    private static short[] downmix(short[] interleaved, int channels) {
        short[] mono = new short[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    /** A payload that is not audio of its declared codec. */
    static final class UndecodablePayloadException extends Exception {
        UndecodablePayloadException(String message) {
            super(message);
        }
    }
}
