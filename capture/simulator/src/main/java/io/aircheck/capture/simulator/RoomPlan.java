package io.aircheck.capture.simulator;

import io.aircheck.protocol.Ids;
import io.aircheck.protocol.v1.RoomEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happens in one simulated room, step by step on the room's own time (µs after it opens):
 * events, speakers going on air (their track is published, however the source does it) and off, and
 * turns of speech (frames of a clip). Pure: the player decides how each step reaches the gateway.
 */
public record RoomPlan(String roomId, List<Step> steps) {

    /** One step at {@code atUs}. */
    public sealed interface Step {
        long atUs();
    }

    /** Post this event (its timestamp is set by the player). */
    public record Event(long atUs, RoomEvent event) implements Step {}

    /** The speaker's track goes on air: published by event, PCM socket or RTP binding. */
    public record Publish(long atUs, String participantId) implements Step {}

    /** The speaker's track goes off air (after its last frame reached the gateway). */
    public record Unpublish(long atUs, String participantId) implements Step {}

    /** The speaker says {@code frames} frames of clip {@code clip} from frame {@code fromFrame}. */
    public record Turn(long atUs, String participantId, int clip, int fromFrame, int frames)
            implements Step {
        public long endUs() {
            return atUs + frames * RoomScript.FRAME_US;
        }
    }

    public RoomPlan {
        Ids.require("room id", roomId);
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(Step::atUs)); // stable: ties keep their order
        steps = List.copyOf(sorted);
    }

    public List<Turn> turns() {
        return steps.stream().filter(s -> s instanceof Turn).map(s -> (Turn) s).toList();
    }

    public List<Event> events() {
        return steps.stream().filter(s -> s instanceof Event).map(s -> (Event) s).toList();
    }

    /** When the room closes. */
    public long endUs() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).atUs();
    }

    /** Frames said in the whole room. */
    public long frames() {
        return turns().stream().mapToLong(Turn::frames).sum();
    }
}
