package io.aircheck.jobs.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.aircheck.jobs.audit.SharedMemoryStore;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When public copies are rendered, rendered again and withdrawn, whatever the order of inputs. */
class ConsentFunctionTest {
    @BeforeEach
    void clean() {
        SharedMemoryStore.OBJECTS.clear();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ConsentInput, PublicMixUpdate>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ConsentFunction(SharedMemoryStore::new)),
                        ConsentInput::roomId,
                        Types.STRING);
        h.open();
        return h;
    }

    @Test
    void
            aWithdrawalBeforeOrAfterTheRecordingIsFinalizedRendersOnceAndConsentGivenBackRestoresTheOriginal()
                    throws Exception {
        SessionRecording recording = PublicMixRendererTest.room(new SharedMemoryStore());
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(ConsentInput.consent("r", "s", "bob", false)));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(new StreamRecord<>(ConsentInput.recorded(recording)));
            h.processElement(
                    new StreamRecord<>(ConsentInput.recorded(recording))); // a replayed event
            assertThat(h.extractOutputValues())
                    .containsExactly(new PublicMixUpdate("r", "s", "rendered", List.of("bob")));
            assertThat(SharedMemoryStore.OBJECTS).containsKey(PublicMix.marker("r", "s"));

            h.processElement(
                    new StreamRecord<>(
                            ConsentInput.consent("r", "s", "carol", false))); // no track: no change
            h.processElement(new StreamRecord<>(ConsentInput.consent("r", "s", "alice", false)));
            h.processElement(new StreamRecord<>(ConsentInput.consent("r", "s", "alice", true)));
            h.processElement(new StreamRecord<>(ConsentInput.consent("r", "s", "bob", true)));
            assertThat(h.extractOutputValues())
                    .extracting(PublicMixUpdate::action, PublicMixUpdate::withdrawn)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("rendered", List.of("bob")),
                            org.assertj.core.groups.Tuple.tuple(
                                    "rendered", List.of("alice", "bob")),
                            org.assertj.core.groups.Tuple.tuple("rendered", List.of("bob")),
                            org.assertj.core.groups.Tuple.tuple("withdrawn", List.of()));
            assertThat(SharedMemoryStore.OBJECTS).doesNotContainKey(PublicMix.marker("r", "s"));
        }
    }

    @Test
    void aFailedRenderIsRetried() throws Exception {
        SessionRecording recording = PublicMixRendererTest.room(new SharedMemoryStore());
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(ConsentInput.consent("r", "s", "bob", false)));
            SharedMemoryStore.OBJECTS.remove(
                    io.aircheck.storage.layout.ObjectKeys.track("r", "s", "alice", "opus"));
            SharedMemoryStore.OBJECTS.put(
                    io.aircheck.storage.layout.ObjectKeys.track("r", "s", "alice", "opus"),
                    new byte[] {1, 2, 3});
            h.processElement(new StreamRecord<>(ConsentInput.recorded(recording)));
            assertThat(h.extractOutputValues()).isEmpty();
            PublicMixRendererTest.room(new SharedMemoryStore()); // the track is readable again
            h.setProcessingTime(ConsentFunction.RETRY_MS);
            assertThat(h.extractOutputValues())
                    .containsExactly(new PublicMixUpdate("r", "s", "rendered", List.of("bob")));
        }
    }
}
