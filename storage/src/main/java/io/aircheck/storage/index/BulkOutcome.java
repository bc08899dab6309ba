package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bulk write's items came to: written, skipped as stale (a version conflict: the index
 * already holds a newer projection), to retry (429/5xx) or refused (mapping or parse errors, and
 * anything else a retry will not cure).
 */
record BulkOutcome(
        List<String> written, List<String> stale, List<String> retry, List<Refusal> refused) {

    /** A document the index would not take, and why. */
    record Refusal(String id, String reason) {}

    static final String VERSION_CONFLICT = "version_conflict_engine_exception";

    static BulkOutcome of(List<BulkResponseItem> items) {
        List<String> written = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (BulkResponseItem item : items) {
            ErrorCause error = item.error();
            if (error == null) {
                written.add(item.id());
            } else if (item.status() == 409 || VERSION_CONFLICT.equals(error.type())) {
                stale.add(item.id());
            } else if (ElasticsearchFailures.TRANSIENT_STATUSES.contains(item.status())) {
                retry.add(item.id());
            } else {
                refused.add(new Refusal(item.id(), error.type() + ": " + error.reason()));
            }
        }
        return new BulkOutcome(
                List.copyOf(written), List.copyOf(stale), List.copyOf(retry), List.copyOf(refused));
    }
}
