package io.aircheck.jobs.recorder;

import io.aircheck.jobs.recorder.mix.OpusApplication;
import io.aircheck.jobs.recorder.mix.PacketPlan;
import io.aircheck.jobs.recorder.mix.RecorderSettings;
import io.aircheck.media.AacPacketEncoder;
import io.aircheck.media.AacTrack;
import io.aircheck.media.OpusPacketEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one chunk of a room's mix into its share of two continuous packet streams: AAC-LC (for
 * the live HLS segments and the M4A master) and Opus (for the Ogg Opus master, coded as {@link
 * RecorderSettings#opusApplication} says; no Opus packets at all when the settings make no Opus
 * master). Each chunk gets fresh encoders, warmed up on the end of the previous chunk ({@link
 * PacketPlan}), so the result depends only on the mix: a restored job encodes exactly what an
 * uninterrupted one did.
 */
final class MixEncoder {
    /** 48 kHz, the mix rate: AAC and Opus both code it natively. */
    static final int RATE = 48_000;

    static final int AAC_BITRATE = 64_000;
    static final int OPUS_BITRATE = 32_000;

    /** libopus effort of the PCM tracks' encodes (the master's is a setting). */
    static final int OPUS_COMPLEXITY = RecorderSettings.DEFAULT_OPUS_COMPLEXITY;

    /** libopus look-ahead at 48 kHz (voip and audio alike): the Ogg stream's pre-skip. */
    static final int OPUS_PRE_SKIP = 312;

    private static final int OPUS_FRAME = 960;
    private static final int AAC_FRAME = AacTrack.FRAME_SAMPLES;

    private final PacketPlan aac;
    private final PacketPlan opus;
    private final int opusComplexity;
    private final OpusApplication opusApplication;
    private final boolean opusMaster;

    MixEncoder(int chunkSamples, int opusComplexity) {
        this(chunkSamples, opusComplexity, RecorderSettings.DEFAULT_OPUS_APPLICATION);
    }

    MixEncoder(int chunkSamples, int opusComplexity, OpusApplication opusApplication) {
        this(chunkSamples, opusComplexity, opusApplication, true);
    }

    /** The encoder of chunks cut and coded as {@code settings} say. */
    MixEncoder(RecorderSettings settings) {
        this(
                settings.chunkSamples(),
                settings.opusComplexity(),
                settings.opusApplication(),
                settings.opusMaster());
    }

    /**
     * @param chunkSamples the mix chunk length: a multiple of 960 (20 ms)
     * @param opusComplexity libopus complexity of the master (0-10)
     * @param opusApplication what the master's libopus encode is tuned for
     * @param opusMaster whether to encode the mix in Opus at all
     */
    private MixEncoder(
            int chunkSamples,
            int opusComplexity,
            OpusApplication opusApplication,
            boolean opusMaster) {
        this.opusComplexity = opusComplexity;
        this.opusApplication = opusApplication;
        this.opusMaster = opusMaster;
        if (chunkSamples % OPUS_FRAME != 0) {
            throw new IllegalArgumentException("chunks must be whole 20 ms Opus frames");
        }
        this.aac = new PacketPlan(AAC_FRAME, chunkSamples, 1, 4, 1);
        this.opus = new PacketPlan(OPUS_FRAME, chunkSamples, 0, 8, 0);
    }

    /** Samples of the previous chunk(s) the next chunk's encoders need. */
    int tailSamples() {
        return Math.max(aac.tailSamples(), opus.tailSamples());
    }

    /** The AAC stream's configuration, for the HLS init segment and the M4A. */
    static AacTrack aacTrack() {
        try (AacPacketEncoder encoder = new AacPacketEncoder(RATE, 1, AAC_BITRATE)) {
            return AacTrack.of(encoder, AAC_BITRATE);
        }
    }

    /** A chunk's packets: AAC from stream index {@code firstAac}, Opus from {@code firstOpus}. */
    record Encoded(long firstAac, List<byte[]> aac, long firstOpus, List<byte[]> opus) {}

    /**
     * @param audio the mix from sample {@code audioStart} (at least {@link #tailSamples()} before
     *     the chunk, or from 0) to the chunk's end
     * @param last whether this chunk ends the session: then the encoders are flushed
     */
    Encoded encode(long index, short[] audio, long audioStart, boolean last) {
        long end = audioStart + audio.length;
        return new Encoded(
                aac.firstPacket(index),
                encodeAac(index, audio, audioStart, end, last),
                opus.firstPacket(index),
                encodeOpus(index, audio, audioStart, end, last));
    }

    /** Where in the mix the AAC packets of chunk {@code index} start being presented. */
    long presentedStart(long index) {
        return aac.presentedStart(index);
    }

    private List<byte[]> encodeAac(
            long index, short[] audio, long audioStart, long end, boolean last) {
        long from = aac.encoderStart(index);
        long keepFrom = aac.firstPacket(index);
        long keepTo = last ? Long.MAX_VALUE : aac.firstPacket(index + 1);
        List<byte[]> made = new ArrayList<>();
        try (AacPacketEncoder encoder = new AacPacketEncoder(RATE, 1, AAC_BITRATE)) {
            for (long at = from; at < end; at += AAC_FRAME) {
                made.addAll(encoder.encode(audio, (int) (at - audioStart)));
            }
            if (end > from) {
                // samples past the chunk's end are silence to the encoder, and not kept unless last
                made.addAll(encoder.flush());
            }
        }
        List<byte[]> kept = keep(made, from / AAC_FRAME, keepFrom, keepTo);
        if (last) {
            // players that ignore the edit list's end hear the last packet whole: keep that
            // overhang within 20 ms (960 samples) by leaving out a last packet that holds less
            long packets = keepFrom + kept.size();
            while (kept.size() > 1 && (packets - 1) * AAC_FRAME - end > 960) {
                kept.remove(kept.size() - 1);
                packets--;
            }
        }
        return kept;
    }

    private List<byte[]> encodeOpus(
            long index, short[] audio, long audioStart, long end, boolean last) {
        if (!opusMaster) {
            return List.of();
        }
        long from = opus.encoderStart(index);
        long keepFrom = opus.firstPacket(index);
        // the last chunk goes on until the look-ahead of its last sample is out
        long packets =
                last ? ceilDiv(end + OPUS_PRE_SKIP, OPUS_FRAME) : opus.firstPacket(index + 1);
        List<byte[]> made = new ArrayList<>();
        try (OpusPacketEncoder encoder =
                new OpusPacketEncoder(
                        RATE,
                        1,
                        OPUS_BITRATE,
                        opusComplexity,
                        OpusPacketEncoder.Application.valueOf(opusApplication.name()))) {
            for (long p = from / OPUS_FRAME; p < packets; p++) {
                made.add(encoder.encode(audio, (int) (p * OPUS_FRAME - audioStart)));
            }
        }
        return keep(made, from / OPUS_FRAME, keepFrom, Long.MAX_VALUE);
    }

    /**
     * The packets with stream index in [from, to), of a list whose first has index {@code first}.
     */
    private static List<byte[]> keep(List<byte[]> made, long first, long from, long to) {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            long streamIndex = first + i;
            if (streamIndex >= from && streamIndex < to) {
                kept.add(made.get(i));
            }
        }
        return kept;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
