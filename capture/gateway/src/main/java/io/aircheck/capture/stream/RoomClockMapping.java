package io.aircheck.capture.stream;

/**
 * Maps a track's media time (ticks at {@code ticksPerSecond}: RTP timestamps, PCM sample counts)
 * onto the room clock (µs since the epoch) from the times the media arrived, robustly against
 * network jitter, loss and reordering.
 *
 * <p>Every observation says "the media up to tick {@code end} had arrived at {@code arrivalUs}".
 * The mapping is {@code room(t) = anchorUs + (t - anchorTicks) / ticksPerSecond}; it puts the
 * least-delayed observations at their arrival time: jitter only ever delays media, so the lower
 * envelope of {@code arrival - room(end)} is the path's base delay, and tracks that share that
 * delay line up. Until the first frame is stamped the anchor takes the earliest candidate of every
 * observation (at most {@code maxSettleUs} before the first); from then on it stays put, and is
 * corrected only
 *
 * <ul>
 *   <li>at once, when media arrives more than {@link #EARLY_LIMIT_US} before its mapped time: hard
 *       evidence that the mapping is late (a first anchor taken from delayed packets, a sender
 *       clock running fast), by that much;
 *   <li>when the least-delayed media of two windows of {@link #WINDOW_US} in a row is more than
 *       {@link #DRIFT_US} late (a sender clock running slow; one late window may be congestion or
 *       load), by the smaller delay;
 *   <li>at once, if {@code lateJumpUs} is set, when media arrives later than that after its mapped
 *       time (a pause of a source without timestamps);
 *   <li>when {@link #restart()} is called (a new RTP stream on the same track: SSRC change).
 * </ul>
 *
 * A correction never places a frame before the previous frame's start: stamps strictly increase,
 * and after a restart a new stream starts no earlier than the previous one ended. Not thread-safe.
 */
public final class RoomClockMapping {
    /** The lower envelope is taken over windows of this length (arrival time). */
    public static final long WINDOW_US = 2_000_000;

    /** Media arriving this much before its mapped time corrects the mapping at once. */
    public static final long EARLY_LIMIT_US = 1_000;

    /** Two windows in a row whose least-delayed media is this much late correct the mapping. */
    public static final long DRIFT_US = 5_000;

    private final long ticksPerSecond;
    private final long lateJumpUs;
    private final long maxSettleUs;
    private long firstAnchorUs;

    private boolean fixed;
    private boolean anchored;
    private long anchorTicks;
    private long anchorUs;
    private long windowStartUs = Long.MIN_VALUE;
    private long windowMinUs = Long.MAX_VALUE;
    private long previousLateUs = Long.MAX_VALUE;

    private boolean stamped;
    private long lastStartUs;
    private long lastEndUs;
    private long corrections;

    /**
     * @param lateJumpUs media arriving this much later than its mapped time re-anchors at once (for
     *     sources without timestamps, where a pause shows only as late data); {@code
     *     Long.MAX_VALUE} to leave lateness to the window (RTP: its timestamps carry pauses)
     */
    public RoomClockMapping(long ticksPerSecond, long lateJumpUs) {
        this(ticksPerSecond, lateJumpUs, Long.MAX_VALUE);
    }

    /**
     * @param maxSettleUs how far before the first observation's anchor the settling may move it:
     *     jitter larger than a reorder hold makes packets late anyway, and a sender bursting a
     *     backlog (seconds of media at once) must not be placed seconds in the past
     */
    public RoomClockMapping(long ticksPerSecond, long lateJumpUs, long maxSettleUs) {
        if (ticksPerSecond <= 0 || lateJumpUs <= 0 || maxSettleUs < 0) {
            throw new IllegalArgumentException("ticksPerSecond and lateJumpUs must be > 0");
        }
        this.ticksPerSecond = ticksPerSecond;
        this.lateJumpUs = lateJumpUs;
        this.maxSettleUs = maxSettleUs;
    }

    /** The media up to {@code endTicks} (exclusive) had arrived at {@code arrivalUs}. */
    public void observe(long endTicks, long arrivalUs) {
        if (!anchored) {
            anchorTicks = endTicks;
            anchorUs = arrivalUs;
            firstAnchorUs = arrivalUs;
            anchored = true;
            return;
        }
        long errorUs = arrivalUs - roomUs(endTicks);
        if (!fixed) {
            if (errorUs < 0) {
                // an earlier (less delayed) candidate, within reason
                anchorUs = Math.max(anchorUs + errorUs, firstAnchorUs - maxSettleUs);
            }
            return;
        }
        if (errorUs < -EARLY_LIMIT_US || errorUs > lateJumpUs) {
            correct(errorUs);
            restartWindow(arrivalUs);
            return;
        }
        if (windowStartUs == Long.MIN_VALUE) {
            restartWindow(arrivalUs);
        }
        windowMinUs = Math.min(windowMinUs, errorUs);
        if (arrivalUs - windowStartUs >= WINDOW_US) {
            if (windowMinUs > DRIFT_US) {
                if (previousLateUs != Long.MAX_VALUE) {
                    correct(Math.min(windowMinUs, previousLateUs));
                    previousLateUs = Long.MAX_VALUE;
                } else {
                    previousLateUs = windowMinUs;
                }
            } else {
                previousLateUs = Long.MAX_VALUE;
            }
            restartWindow(arrivalUs);
        }
    }

    /**
     * The room-clock time of media {@code [startTicks, endTicks)}, in stream order. Fixes the
     * anchor on the first call.
     */
    public long stamp(long startTicks, long endTicks) {
        if (!anchored) {
            throw new IllegalStateException("stamp before any observation");
        }
        fixed = true;
        long start = roomUs(startTicks);
        if (stamped && start <= lastStartUs) {
            // a correction (or a new stream) must not go back past the previous frame
            long floor = lastStartUs + 1;
            anchorUs += floor - start;
            start = floor;
        }
        long end = roomUs(endTicks);
        stamped = true;
        lastStartUs = start;
        lastEndUs = Math.max(lastEndUs, end);
        return start;
    }

    /**
     * A new stream follows on the same track (an SSRC change, a sender restart): its media clock
     * has nothing to do with the old one. The next observations anchor it afresh; its first frame
     * starts no earlier than the previous frame ended.
     */
    public void restart() {
        anchored = false;
        fixed = false;
        previousLateUs = Long.MAX_VALUE;
        windowStartUs = Long.MIN_VALUE;
        windowMinUs = Long.MAX_VALUE;
        if (stamped) {
            lastStartUs = lastEndUs - 1; // the next start is at least the previous end
        }
    }

    /** The room-clock time of media tick {@code ticks} under the current anchor. */
    public long roomUs(long ticks) {
        return anchorUs + Math.floorDiv((ticks - anchorTicks) * 1_000_000L, ticksPerSecond);
    }

    public boolean isAnchored() {
        return anchored;
    }

    /** How many times the anchor was corrected after it was fixed. */
    public long corrections() {
        return corrections;
    }

    /** The room-clock end of the last stamped frame, or 0 before any. */
    public long lastEndUs() {
        return lastEndUs;
    }

    private void correct(long errorUs) {
        anchorUs += errorUs;
        corrections++;
    }

    private void restartWindow(long arrivalUs) {
        windowStartUs = arrivalUs;
        windowMinUs = Long.MAX_VALUE;
    }
}
