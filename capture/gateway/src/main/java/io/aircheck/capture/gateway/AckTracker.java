package io.aircheck.capture.gateway;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audio connection's writes in the order they were handed to Kafka. {@link #drain()} releases
 * the resolved prefix: an ack per track for the highest sequence in it that Kafka acknowledged (so
 * an ack also covers every earlier frame of the connection), and an error per failed write.
 */
final class AckTracker {

    /** One frame's write. */
    static final class Write implements WriteOutcome {
        private final String roomId;
        private final String participantId;
        private final String trackId;
        private final long sequence;
        private volatile boolean done;
        private volatile String failure;

        private Write(String roomId, String participantId, String trackId, long sequence) {
            this.roomId = roomId;
            this.participantId = participantId;
            this.trackId = trackId;
            this.sequence = sequence;
        }

        @Override
        public void succeeded() {
            done = true;
        }

        @Override
        public void failed(String reason) {
            failure = reason;
            done = true;
        }

        private String trackKey() {
            return roomId + "/" + participantId + "/" + trackId;
        }
    }

    private final ArrayDeque<Write> inFlight = new ArrayDeque<>();
    private final Map<String, Long> acknowledged = new HashMap<>();

    synchronized Write expect(String roomId, String participantId, String trackId, long sequence) {
        Write write = new Write(roomId, participantId, trackId, sequence);
        inFlight.add(write);
        return write;
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    synchronized List<ClientNotice> drain() {
        List<ClientNotice> notices = new ArrayList<>();
        Map<String, Write> highest = new LinkedHashMap<>();
        while (!inFlight.isEmpty() && inFlight.peek().done) {
            Write write = inFlight.poll();
            if (write.failure != null) {
                notices.add(
                        ClientNotice.error(
                                "UNAVAILABLE",
                                write.failure,
                                write.roomId,
                                write.participantId,
                                write.trackId,
                                write.sequence));
            } else {
                highest.merge(write.trackKey(), write, (a, b) -> b.sequence > a.sequence ? b : a);
            }
        }
        for (Map.Entry<String, Write> e : highest.entrySet()) {
            Write write = e.getValue();
            Long before = acknowledged.get(e.getKey());
            if (before == null || write.sequence > before) {
                acknowledged.put(e.getKey(), write.sequence);
                notices.add(
                        ClientNotice.ack(
                                write.roomId, write.participantId, write.trackId, write.sequence));
            }
        }
        return notices;
    }
}
