package io.aircheck.jobs.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.storage.ObjectInfo;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditFiles;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.IndexDefinition;
import java.io.PrintStream;
import java.util.List;

/**
 * Rebuilds the {@code audit} index from the trail archived in the bucket (the index is a projection
 * of the archived batches: each document names its batch), while the archiver goes on: a fresh
 * concrete index from the mapping the code carries, filled through its staging alias batch by
 * batch, the alias moved in one atomic step, then the batches archived meanwhile indexed into it
 * too (ids are log positions: indexing a batch twice changes nothing). The old index is kept.
 */
public final class AuditIndexRebuild {
    /** What the rebuild did. */
    public record Result(String rebuilt, List<String> replaced, long batches, long documents) {}

    private final ElasticsearchClient es;
    private final ObjectStore store;
    private final PrintStream out;

    public AuditIndexRebuild(ElasticsearchClient es, ObjectStore store, PrintStream out) {
        this.es = es;
        this.store = store;
        this.out = out;
    }

    public Result run(String generation) {
        IndexDefinition rebuilt = ElasticsearchAuditIndex.AUDIT.withGeneration(generation);
        IndexBootstrap.beginRebuild(es, rebuilt);
        out.printf("rebuilding %s into %s%n", rebuilt.alias(), rebuilt.concreteIndex());
        ElasticsearchAuditIndex staging =
                new ElasticsearchAuditIndex(es, rebuilt.withAlias(rebuilt.stagingAlias()));
        List<Long> archived = batches();
        for (int i = 0; i < archived.size(); i++) {
            index(staging, archived.get(i));
            out.printf("\raudit trail: batch %d of %d", i + 1, archived.size());
        }
        List<String> replaced = IndexBootstrap.completeRebuild(es, rebuilt);
        // batches the archiver indexed into the old index before the move, and the last one again
        ElasticsearchAuditIndex live = new ElasticsearchAuditIndex(es, rebuilt);
        long last = archived.isEmpty() ? -1 : archived.get(archived.size() - 1);
        List<Long> since = batches().stream().filter(seq -> seq >= last).toList();
        since.forEach(seq -> index(live, seq));
        live.refresh();
        long total = archived.size() + since.stream().filter(seq -> seq > last).count();
        long documents = IndexBootstrap.documentCount(es, rebuilt.concreteIndex());
        out.printf(
                "%naudit index rebuilt from %d batches (%d entries); alias moved; old indexes kept: %s%n",
                total, documents, replaced);
        return new Result(rebuilt.concreteIndex(), replaced, total, documents);
    }

    private List<Long> batches() {
        return store.list(AuditChain.BATCHES).stream()
                .map(ObjectInfo::key)
                .map(AuditChain::seqOf)
                .filter(seq -> seq >= 0)
                .sorted()
                .toList();
    }

    private void index(ElasticsearchAuditIndex target, long seq) {
        AuditFiles.StoredBatch batch = AuditFiles.readBatch(store.get(AuditChain.batchKey(seq)));
        target.index(AuditDocuments.of(seq, batch.entries()));
    }
}
