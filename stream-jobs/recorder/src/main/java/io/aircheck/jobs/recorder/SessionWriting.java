package io.aircheck.jobs.recorder;

/**
 * The writer's state of a room's current session (Flink state, per room): which session, where it
 * starts, how many chunks are written, and the end of the mix so far ({@code tail}, the samples
 * before {@code tailEnd}) that the next chunk's encoders warm up on.
 */
public record SessionWriting(
        String sessionId, long startUs, long chunksWritten, short[] tail, long tailEnd) {

    static SessionWriting start(String sessionId, long startUs) {
        return new SessionWriting(sessionId, startUs, 0, new short[0], 0);
    }

    /** The tail followed by {@code chunk}, which starts at sample {@code tailEnd}. */
    short[] audioWith(short[] chunk) {
        short[] audio = new short[tail.length + chunk.length];
        System.arraycopy(tail, 0, audio, 0, tail.length);
        System.arraycopy(chunk, 0, audio, tail.length, chunk.length);
        return audio;
    }

    /** After a chunk: its audio's last {@code keep} samples become the tail. */
    SessionWriting chunkWritten(short[] audio, long audioEnd, int keep) {
        int from = Math.max(0, audio.length - keep);
        short[] newTail = java.util.Arrays.copyOfRange(audio, from, audio.length);
        return new SessionWriting(sessionId, startUs, chunksWritten + 1, newTail, audioEnd);
    }
}
