package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.TranscriptDocument;
import io.aircheck.storage.TranscriptIndex;
import io.aircheck.storage.VersionedTranscript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link TranscriptIndex} on the {@code transcripts} index (through its alias): bulk index requests
 * with the segment id as document id and {@code version_type=external_gte}, so a replay overwrites
 * instead of duplicating and an older projection never overwrites a newer one. Items refused with
 * 429/5xx are retried with backoff; mapping or parse errors end in an {@link IndexException} naming
 * the segments, after the rest of the batch is written.
 */
public final class ElasticsearchTranscriptIndex implements TranscriptIndex {
    private final ElasticsearchClient client;
    private final String alias;
    private final RetryPolicy retry;
    private final ElasticsearchCall call;
    private final ElasticsearchCall once = new ElasticsearchCall(RetryPolicy.none());

    public ElasticsearchTranscriptIndex(ElasticsearchClient client) {
        this(client, Indexes.TRANSCRIPTS, RetryPolicy.defaults());
    }

    public ElasticsearchTranscriptIndex(
            ElasticsearchClient client, IndexDefinition index, RetryPolicy retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = index.alias();
        this.retry = Objects.requireNonNull(retry, "retry");
        this.call = new ElasticsearchCall(retry);
    }

    @Override
    public void upsertAll(List<VersionedTranscript> segments) {
        // one write per segment id: the highest version of a batch
        Map<String, VersionedTranscript> newest = new LinkedHashMap<>();
        for (VersionedTranscript s : segments) {
            newest.merge(s.document().segmentId(), s, (a, b) -> b.version() >= a.version() ? b : a);
        }
        List<VersionedTranscript> pending = new ArrayList<>(newest.values());
        List<BulkOutcome.Refusal> refused = new ArrayList<>();
        IndexException unfinished = null;
        try {
            retry.run(
                    () -> {
                        BulkOutcome outcome = write(pending);
                        refused.addAll(outcome.refused());
                        Set<String> again = Set.copyOf(outcome.retry());
                        pending.removeIf(s -> !again.contains(s.document().segmentId()));
                        if (!pending.isEmpty()) {
                            throw new IndexException(
                                    true,
                                    "Elasticsearch kept rejecting (429/5xx) segments "
                                            + outcome.retry()
                                            + " in '"
                                            + alias
                                            + "'",
                                    outcome.retry(),
                                    null);
                        }
                        return null;
                    },
                    e -> e instanceof IndexException failure && failure.retriable());
        } catch (IndexException e) {
            unfinished = e;
        }
        if (!refused.isEmpty()) {
            IndexException failure =
                    new IndexException(
                            false,
                            "Elasticsearch index '"
                                    + alias
                                    + "' refused "
                                    + refused.size()
                                    + " transcript segment(s): "
                                    + refused.stream()
                                            .map(r -> r.id() + " (" + r.reason() + ")")
                                            .collect(Collectors.joining("; ")),
                            refused.stream().map(BulkOutcome.Refusal::id).toList(),
                            null);
            if (unfinished != null) {
                failure.addSuppressed(unfinished);
            }
            throw failure;
        }
        if (unfinished != null) {
            throw unfinished;
        }
    }

    private BulkOutcome write(List<VersionedTranscript> segments) {
        if (segments.isEmpty()) {
            return BulkOutcome.of(List.of());
        }
        List<BulkOperation> operations =
                segments.stream().map(ElasticsearchTranscriptIndex::indexOperation).toList();
        BulkResponse response =
                once.run(
                        "bulk write of " + segments.size() + " segments to '" + alias + "'",
                        () ->
                                client.bulk(
                                        b ->
                                                b.index(alias)
                                                        .requireAlias(true)
                                                        .operations(operations)));
        return BulkOutcome.of(response.items());
    }

    private static BulkOperation indexOperation(VersionedTranscript versioned) {
        TranscriptSource source = TranscriptSource.of(versioned.document());
        return BulkOperation.of(
                o ->
                        o.index(
                                i ->
                                        i.id(source.segmentId())
                                                .version(versioned.version())
                                                .versionType(VersionType.ExternalGte)
                                                .document(source)));
    }

    /** One segment by id (tools and tests). */
    public Optional<TranscriptDocument> get(String segmentId) {
        GetResponse<TranscriptSource> response =
                call.run(
                        "get segment '" + segmentId + "' from '" + alias + "'",
                        () ->
                                client.get(
                                        g -> g.index(alias).id(segmentId), TranscriptSource.class));
        return response.found() && response.source() != null
                ? Optional.of(response.source().toDocument())
                : Optional.empty();
    }

    @Override
    public void refresh() {
        call.run("refresh '" + alias + "'", () -> client.indices().refresh(r -> r.index(alias)));
    }
}
