package io.aircheck.jobs.transcriber.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Voice activity detection on one track (16 kHz mono), in 20 ms frames: a frame is voiced when its
 * energy is {@link CutterSettings#thresholdDb} above the noise floor (the quietest frame of the
 * last 1.5 s, digital silence left out) and above -55 dBFS. Three voiced frames out of five open an
 * utterance (with a lead-in); a pause closes it (with a tail); an utterance reaching the maximum
 * length is split at its quietest frame in the second half. Steady noise and hum never rise above
 * their own floor, so they open nothing.
 *
 * <p>Every decision depends on the samples alone, and all state is plain data (public fields, kept
 * in Flink state): a job restored from a checkpoint cuts exactly where an uninterrupted one would.
 */
public final class UtteranceCutter {
    static final int FLOOR_FRAMES = 75;
    static final double SILENCE_DB = -90;
    static final double ABSOLUTE_GATE_DB = -55;
    private static final int ONSET_WINDOW = 5;
    private static final int ONSET_VOICED = 3;

    public CutterSettings settings;

    /** Complete frames seen so far; the next frame's index. */
    public long framesSeen;

    public short[] partial = new short[CutterSettings.FRAME];
    public int partialFill;

    public float[] floorWindow = new float[FLOOR_FRAMES];
    public int floorCount;
    public int floorNext;

    /** Voiced flags of the last five frames, newest in bit 0. */
    public int recentVoiced;

    /** Buffered frames: lead-in while idle, the utterance while open. */
    public long bufferStart;

    public short[] audio = new short[0];
    public float[] energies = new float[0];
    public boolean[] voicedFlags = new boolean[0];
    public int bufferFrames;

    /** The end of the last utterance emitted: the next one's context. */
    public short[] context = new short[0];

    public boolean open;
    public long utteranceStart;
    public long lastVoiced;
    public int voicedCount;

    public UtteranceCutter() {}

    public UtteranceCutter(CutterSettings settings) {
        this.settings = settings;
    }

    /** Feeds samples; returns the utterances they closed, in order. */
    public List<Utterance> append(short[] samples) {
        List<Utterance> closed = new ArrayList<>();
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(CutterSettings.FRAME - partialFill, samples.length - at);
            System.arraycopy(samples, at, partial, partialFill, n);
            partialFill += n;
            at += n;
            if (partialFill == CutterSettings.FRAME) {
                frame(partial, closed);
                partialFill = 0;
            }
        }
        return closed;
    }

    /**
     * Closes the open utterance with what is buffered (the track ended, or went quiet without
     * sending silence). The cutter can go on afterwards.
     */
    public List<Utterance> flush() {
        List<Utterance> closed = new ArrayList<>();
        if (open) {
            long end = Math.min(bufferStart + bufferFrames, lastVoiced + 1 + tailFrames());
            close(end, closed);
        }
        return closed;
    }

    /**
     * Jumps ahead to the frame that holds sample {@code sample} (the track sent nothing for a long
     * time): closes what is open and forgets the partial frame; the noise floor is kept.
     */
    public List<Utterance> skipTo(long sample) {
        List<Utterance> closed = flush();
        long frame = sample / CutterSettings.FRAME;
        if (frame > framesSeen) {
            framesSeen = frame;
            partialFill = 0;
            bufferStart = frame;
            bufferFrames = 0;
            recentVoiced = 0;
        }
        return closed;
    }

    /** The sample index the next appended sample will have. */
    public long nextSample() {
        return framesSeen * CutterSettings.FRAME + partialFill;
    }

    private void frame(short[] samples, List<Utterance> closed) {
        long index = framesSeen++;
        double energy = energyDb(samples);
        boolean voiced = isVoiced(energy);
        {
            // digital silence (a muted or gated sender, a gap) is the floor too, at -90 dBFS
            floorWindow[floorNext] = (float) Math.max(energy, SILENCE_DB);
            floorNext = (floorNext + 1) % FLOOR_FRAMES;
            floorCount = Math.min(FLOOR_FRAMES, floorCount + 1);
        }
        push(samples, (float) energy, voiced);
        recentVoiced = ((recentVoiced << 1) | (voiced ? 1 : 0)) & ((1 << ONSET_WINDOW) - 1);
        if (!open) {
            if (Integer.bitCount(recentVoiced) >= ONSET_VOICED) {
                int oldest = 31 - Integer.numberOfLeadingZeros(recentVoiced);
                long firstVoiced = index - oldest;
                open = true;
                utteranceStart = Math.max(bufferStart, firstVoiced - leadInFrames());
                dropBefore(utteranceStart);
                voicedCount = Integer.bitCount(recentVoiced);
                lastVoiced = index - Integer.numberOfTrailingZeros(recentVoiced);
            } else {
                dropBefore(index + 1 - leadInFrames() - ONSET_WINDOW);
            }
            return;
        }
        if (voiced) {
            voicedCount++;
            lastVoiced = index;
        }
        if (index - lastVoiced >= settings.pauseFrames()) {
            close(Math.min(index + 1, lastVoiced + 1 + tailFrames()), closed);
        } else if (index + 1 - utteranceStart >= settings.maxFrames()) {
            split(index, closed);
        }
    }

    private void split(long index, List<Utterance> closed) {
        long from = utteranceStart + settings.maxFrames() / 2;
        long to = index - ONSET_WINDOW;
        long cut = to;
        float quietest = Float.MAX_VALUE;
        for (long f = from; f <= to; f++) {
            float e = energies[(int) (f - bufferStart)];
            if (e <= quietest) {
                quietest = e;
                cut = f;
            }
        }
        emit(utteranceStart, cut, closed);
        utteranceStart = cut;
        voicedCount = 0;
        for (long f = cut; f <= index; f++) {
            if (voicedFlags[(int) (f - bufferStart)]) {
                voicedCount++;
            }
        }
        dropBefore(cut);
    }

    private void close(long end, List<Utterance> closed) {
        emit(utteranceStart, end, closed);
        open = false;
        recentVoiced = 0;
        voicedCount = 0;
        dropBefore(end);
    }

    private void emit(long start, long end, List<Utterance> closed) {
        if (end <= start) {
            return;
        }
        int voicedMs = 0;
        for (long f = start; f < end; f++) {
            if (voicedFlags[(int) (f - bufferStart)]) {
                voicedMs += CutterSettings.FRAME_MS;
            }
        }
        if (voicedMs < settings.minVoicedMs()) {
            return;
        }
        int from = (int) (start - bufferStart) * CutterSettings.FRAME;
        int to = (int) (end - bufferStart) * CutterSettings.FRAME;
        short[] pcm = Arrays.copyOfRange(audio, from, to);
        closed.add(new Utterance(start * CutterSettings.FRAME, pcm, voicedMs, context));
        int keep =
                Math.min(
                        pcm.length,
                        CutterSettings.CONTEXT_MS * CutterSettings.FRAME / CutterSettings.FRAME_MS);
        context = Arrays.copyOfRange(pcm, pcm.length - keep, pcm.length);
    }

    private boolean isVoiced(double energy) {
        if (energy < ABSOLUTE_GATE_DB) {
            return false;
        }
        if (floorCount == 0) {
            return false;
        }
        float floor = Float.MAX_VALUE;
        for (int i = 0; i < floorCount; i++) {
            floor = Math.min(floor, floorWindow[i]);
        }
        return energy >= floor + settings.thresholdDb();
    }

    private void push(short[] samples, float energy, boolean voiced) {
        int needed = bufferFrames + 1;
        if (energies.length < needed) {
            int capacity = Math.max(needed, energies.length * 2);
            audio = Arrays.copyOf(audio, capacity * CutterSettings.FRAME);
            energies = Arrays.copyOf(energies, capacity);
            voicedFlags = Arrays.copyOf(voicedFlags, capacity);
        }
        System.arraycopy(
                samples, 0, audio, bufferFrames * CutterSettings.FRAME, CutterSettings.FRAME);
        energies[bufferFrames] = energy;
        voicedFlags[bufferFrames] = voiced;
        bufferFrames++;
    }

    private void dropBefore(long frame) {
        int drop = (int) Math.max(0, Math.min(bufferFrames, frame - bufferStart));
        if (drop == 0) {
            return;
        }
        int keep = bufferFrames - drop;
        System.arraycopy(audio, drop * CutterSettings.FRAME, audio, 0, keep * CutterSettings.FRAME);
        System.arraycopy(energies, drop, energies, 0, keep);
        System.arraycopy(voicedFlags, drop, voicedFlags, 0, keep);
        bufferFrames = keep;
        bufferStart += drop;
    }

    private static int leadInFrames() {
        return CutterSettings.LEAD_IN_MS / CutterSettings.FRAME_MS;
    }

    private static int tailFrames() {
        return CutterSettings.TAIL_MS / CutterSettings.FRAME_MS;
    }

    static double energyDb(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        double mean = sum / frame.length / (32768.0 * 32768.0);
        return mean <= 0 ? -100 : Math.max(-100, 10 * Math.log10(mean));
    }
}
