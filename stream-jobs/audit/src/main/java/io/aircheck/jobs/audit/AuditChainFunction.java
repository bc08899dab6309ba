package io.aircheck.jobs.audit;

import io.aircheck.jobs.audit.io.AuditIndexFactory;
import io.aircheck.jobs.io.ObjectStoreFactory;
import io.aircheck.storage.ObjectStore;
import io.aircheck.storage.audit.AuditArchive;
import io.aircheck.storage.audit.AuditBatch;
import io.aircheck.storage.audit.AuditChain;
import io.aircheck.storage.audit.AuditEntry;
import io.aircheck.storage.audit.AuditFiles;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.export.SigningKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the audit chain (a single key, so a single subtask): buffers entries in Flink
 * state and archives them as the next batch once {@code batchSize} are waiting or the oldest has
 * waited {@code flushMs}; then indexes the batch's entries for queries. The bucket's head says what
 * is archived, so after a restore entries archived before are skipped, never duplicated; on start
 * the last batch is indexed again, in case the job stopped between archiving and indexing.
 */
public final class AuditChainFunction
        extends KeyedProcessFunction<String, LoggedAudit, ArchivedBatch> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainFunction.class);

    private final ObjectStoreFactory storeFactory;
    private final AuditIndexFactory indexFactory;
    private final AuditSettings settings;

    private transient ListState<LoggedAudit> buffer;
    private transient ValueState<Integer> buffered;
    private transient ValueState<Long> timer;
    private transient ObjectStore store;
    private transient AuditIndex index;
    private transient AuditArchive archive;
    private transient Counter archivedEntries;
    private transient Counter archivedBatches;

    public AuditChainFunction(
            ObjectStoreFactory storeFactory,
            AuditIndexFactory indexFactory,
            AuditSettings settings) {
        this.storeFactory = storeFactory;
        this.indexFactory = indexFactory;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        var context = getRuntimeContext();
        buffer =
                context.getListState(
                        new ListStateDescriptor<>("buffer", TypeInformation.of(LoggedAudit.class)));
        buffered = context.getState(new ValueStateDescriptor<>("buffered", Types.INT));
        timer = context.getState(new ValueStateDescriptor<>("timer", Types.LONG));
        archivedEntries = context.getMetricGroup().counter("auditEntriesArchived");
        archivedBatches = context.getMetricGroup().counter("auditBatchesArchived");
        store = storeFactory.open();
        index = indexFactory.open();
        SigningKeys.Signer signer = settings.signingKey().signer().orElse(null);
        archive = AuditArchive.open(store, signer);
        archive.head().ifPresent(head -> reindex(head.seq()));
        if (signer == null) {
            LOG.warn(
                    "audit batches are chained but not signed: set AIRCHECK_SIGNING_KEY_FILE to sign them");
        }
    }

    @Override
    public void close() throws Exception {
        if (index instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void processElement(LoggedAudit entry, Context ctx, Collector<ArchivedBatch> out)
            throws Exception {
        if (archive.archived(entry.partition(), entry.offset())) {
            return;
        }
        buffer.add(entry);
        int count = buffered.value() == null ? 1 : buffered.value() + 1;
        buffered.update(count);
        if (count >= settings.batchSize()) {
            flush(ctx.timerService().currentProcessingTime(), out, ctx);
        } else if (timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.flushMs();
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ArchivedBatch> out)
            throws Exception {
        timer.clear();
        flush(timestamp, out, null);
    }

    private void flush(long now, Collector<ArchivedBatch> out, Context ctx) throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        for (LoggedAudit e : buffer.get()) {
            entries.add(e.entry());
        }
        buffer.clear();
        buffered.clear();
        if (ctx != null && timer.value() != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer.value());
            timer.clear();
        }
        Optional<AuditBatch> written = archive.append(entries);
        if (written.isEmpty()) {
            return;
        }
        AuditBatch batch = written.get();
        indexEntries(batch);
        archivedEntries.inc(batch.entries().size());
        archivedBatches.inc();
        out.collect(new ArchivedBatch(batch.seq(), batch.entries().size(), batch.sha256()));
    }

    private void indexEntries(AuditBatch batch) {
        index.index(AuditDocuments.of(batch.seq(), batch.entries()));
    }

    /** Indexes the last archived batch again (ids are log positions: idempotent). */
    private void reindex(long seq) {
        AuditFiles.StoredBatch stored = AuditFiles.readBatch(store.get(AuditChain.batchKey(seq)));
        indexEntries(new AuditBatch(seq, stored.previous(), stored.entries(), stored.links()));
    }
}
