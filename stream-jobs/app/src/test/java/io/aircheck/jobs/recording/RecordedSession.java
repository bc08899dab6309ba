package io.aircheck.jobs.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.JobsConfig;
import io.aircheck.jobs.LogRecords;
import io.aircheck.media.AudioFileReader;
import io.aircheck.protocol.v1.RecordingEvent;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.s3.S3ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a recorded session left behind, as the failure tests compare it: its objects in the bucket
 * (the recorder's own work objects aside) and its committed {@code archive.recordings} events.
 */
final class RecordedSession {
    private RecordedSession() {}

    /** Every object under {@code prefix} but the work objects, by key. */
    static Map<String, byte[]> objects(JobsConfig config, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        try (ObjectStore store = S3ObjectStore.connect(config.s3())) {
            for (ObjectInfo info : store.list(prefix)) {
                if (!info.key().startsWith(prefix + "work/")) {
                    objects.put(info.key(), store.get(info.key()));
                }
            }
        }
        return objects;
    }

    /**
     * The committed events of a topic (read_committed, as consumers read them), once {@code
     * finalized} session ends are among them.
     */
    static List<RecordingEvent> events(String bootstrap, String topic, int finalized)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records =
                LogRecords.readUntil(
                        bootstrap,
                        topic,
                        r -> r.stream().filter(RecordedSession::isFinalized).count() >= finalized,
                        Duration.ofSeconds(60));
        List<RecordingEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            events.add(RecordingEvent.parseFrom(r.value()));
        }
        return events;
    }

    /** The object an event announces (or the session, for its end). */
    static String announcedKey(RecordingEvent e) {
        return switch (e.getKindCase()) {
            case SEGMENT_WRITTEN -> e.getSegmentWritten().getKey();
            case TRACK_WRITTEN -> e.getTrackWritten().getKey();
            case MASTER_WRITTEN -> e.getMasterWritten().getKey();
            case RECORDING_FINALIZED -> "finalized " + e.getSessionId();
            default -> "?";
        };
    }

    /**
     * The same keys, the same bytes, and (decoded by FFmpeg) the same samples in every master,
     * track and segment.
     */
    static void assertIdentical(
            Map<String, byte[]> expected, Map<String, byte[]> actual, String prefix)
            throws Exception {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        AudioFileReader reader = new AudioFileReader();
        byte[] init = expected.get(prefix + "mix/init.mp4");
        for (String key : expected.keySet()) {
            assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
            if (key.endsWith(".opus") || key.endsWith(".m4a") || key.endsWith(".m4s")) {
                boolean segment = key.endsWith(".m4s");
                byte[] a = segment ? concat(init, expected.get(key)) : expected.get(key);
                byte[] b = segment ? concat(init, actual.get(key)) : actual.get(key);
                // a segment alone declares the room's time so far: read it leniently
                AudioFileReader r = segment ? AudioFileReader.lenient() : reader;
                short[] decoded = r.read(b, 48_000, 1).samples();
                assertThat(decoded).as(key).isNotEmpty().isEqualTo(r.read(a, 48_000, 1).samples());
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static boolean isFinalized(ConsumerRecord<byte[], byte[]> r) {
        try {
            return RecordingEvent.parseFrom(r.value()).hasRecordingFinalized();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
