package io.aircheck.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkOutcomeTest {

    private static BulkResponseItem ok(String id) {
        return BulkResponseItem.of(
                b -> b.operationType(OperationType.Index).index("rooms-v1").id(id).status(201));
    }

    private static BulkResponseItem failed(String id, int status, String type) {
        return BulkResponseItem.of(
                b ->
                        b.operationType(OperationType.Index)
                                .index("rooms-v1")
                                .id(id)
                                .status(status)
                                .error(e -> e.type(type).reason("because " + type)));
    }

    @Test
    void sortsItemsByWhatToDoNext() {
        BulkOutcome outcome =
                BulkOutcome.of(
                        List.of(
                                ok("r:1"),
                                failed("r:2", 409, "version_conflict_engine_exception"),
                                failed("r:3", 429, "es_rejected_execution_exception"),
                                failed("r:4", 503, "unavailable_shards_exception"),
                                failed("r:5", 400, "document_parsing_exception"),
                                failed("r:6", 404, "index_not_found_exception")));
        assertThat(outcome.written()).containsExactly("r:1");
        assertThat(outcome.stale()).containsExactly("r:2");
        assertThat(outcome.retry()).containsExactly("r:3", "r:4");
        assertThat(outcome.refused())
                .extracting(BulkOutcome.Refusal::id)
                .containsExactly("r:5", "r:6");
        assertThat(outcome.refused().get(0).reason())
                .isEqualTo("document_parsing_exception: because document_parsing_exception");
    }

    @Test
    void emptyBulkIsAllDone() {
        BulkOutcome outcome = BulkOutcome.of(List.of());
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.refused()).isEmpty();
    }
}
