package io.aircheck.storage.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.VersionedRoom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomCatalog} on the {@code rooms} index (through its alias). Writes are bulk index
 * requests with {@code version_type=external_gte}: a stale projection is refused by Elasticsearch
 * (and skipped here), the same version again is accepted. Items refused with 429/5xx are retried
 * with backoff; mapping or parse errors end in an {@link IndexException} naming the documents.
 */
public final class ElasticsearchRoomCatalog implements RoomCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchRoomCatalog.class);

    private final ElasticsearchClient client;
    private final String alias;
    private final RetryPolicy retry;
    private final ElasticsearchCall call;
    private final ElasticsearchCall once = new ElasticsearchCall(RetryPolicy.none());

    /** The catalog on {@link Indexes#ROOMS}, with the default retries. */
    public ElasticsearchRoomCatalog(ElasticsearchClient client) {
        this(client, Indexes.ROOMS, RetryPolicy.defaults());
    }

    public ElasticsearchRoomCatalog(
            ElasticsearchClient client, IndexDefinition index, RetryPolicy retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.alias = index.alias();
        this.retry = Objects.requireNonNull(retry, "retry");
        this.call = new ElasticsearchCall(retry);
    }

    @Override
    public void upsertAll(List<VersionedRoom> rooms) {
        List<BulkOutcome.Refusal> refused = new ArrayList<>();
        List<VersionedRoom> pending = new ArrayList<>(rooms);
        IndexException unfinished = null;
        try {
            retry.run(
                    () -> {
                        BulkOutcome outcome = write(pending);
                        refused.addAll(outcome.refused());
                        if (!outcome.stale().isEmpty()) {
                            LOG.debug("skipped stale versions of {}", outcome.stale());
                        }
                        Set<String> again = Set.copyOf(outcome.retry());
                        pending.removeIf(r -> !again.contains(id(r.room())));
                        if (!pending.isEmpty()) {
                            throw new IndexException(
                                    true,
                                    "Elasticsearch kept rejecting (429/5xx) rooms "
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
                                    + " room document(s): "
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

    /** One bulk request; a failure of the request as a whole is thrown as an IndexException. */
    private BulkOutcome write(List<VersionedRoom> rooms) {
        if (rooms.isEmpty()) {
            return BulkOutcome.of(List.of());
        }
        List<BulkOperation> operations =
                rooms.stream().map(ElasticsearchRoomCatalog::indexOperation).toList();
        BulkResponse response =
                once.run(
                        "bulk write of " + rooms.size() + " rooms to '" + alias + "'",
                        () ->
                                client.bulk(
                                        b ->
                                                b.index(alias)
                                                        .requireAlias(true)
                                                        .operations(operations)));
        return BulkOutcome.of(response.items());
    }

    private static BulkOperation indexOperation(VersionedRoom versioned) {
        String id = id(versioned.room());
        RoomSource source = RoomSource.of(versioned.room());
        return BulkOperation.of(
                o ->
                        o.index(
                                i ->
                                        i.id(id)
                                                .version(versioned.version())
                                                .versionType(VersionType.ExternalGte)
                                                .document(source)));
    }

    @Override
    public Optional<RoomDocument> get(String roomId, String sessionId) {
        String id = RoomSource.id(roomId, sessionId);
        GetResponse<RoomSource> response =
                call.run(
                        "get room '" + id + "' from '" + alias + "'",
                        () -> client.get(g -> g.index(alias).id(id), RoomSource.class));
        return response.found() && response.source() != null
                ? Optional.of(response.source().toDocument())
                : Optional.empty();
    }

    @Override
    public RoomPage list(RoomQuery query) {
        SearchResponse<RoomSource> response =
                call.run(
                        "list rooms in '" + alias + "'",
                        () -> client.search(RoomSearch.list(alias, query), RoomSource.class));
        long total =
                response.hits().total() == null
                        ? response.hits().hits().size()
                        : response.hits().total().value();
        return new RoomPage(total, documents(response));
    }

    @Override
    public List<RoomDocument> sessions(String roomId) {
        SearchResponse<RoomSource> response =
                call.run(
                        "list sessions of room '" + roomId + "' in '" + alias + "'",
                        () -> client.search(RoomSearch.sessions(alias, roomId), RoomSource.class));
        return documents(response);
    }

    @Override
    public void refresh() {
        call.run("refresh '" + alias + "'", () -> client.indices().refresh(r -> r.index(alias)));
    }

    private static List<RoomDocument> documents(SearchResponse<RoomSource> response) {
        return response.hits().hits().stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .map(RoomSource::toDocument)
                .toList();
    }

    private static String id(RoomDocument room) {
        return RoomSource.id(room.roomId(), room.sessionId());
    }
}
