package io.aircheck.capture.gateway;

import io.aircheck.protocol.v1.AudioFrame;
import java.util.List;

/**
 * Sources that hold frames of a track before writing them (the RTP reorder buffer, a socket's frame
 * waiting for its room): when an event ends the track, what they hold is written first, so that it
 * precedes the track's end mark in the log.
 */
interface EndingTracks {
    /** Called under the room's lock: the frames still held for the track, in order. */
    List<AudioFrame> drain(String roomId, String participantId, String trackId);
}
