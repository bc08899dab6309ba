package io.aircheck.jobs.audit.io;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.audit.AuditIndex;
import io.aircheck.storage.audit.AuditPage;
import io.aircheck.storage.audit.AuditQuery;
import io.aircheck.storage.audit.IndexedAudit;
import io.aircheck.storage.index.ElasticsearchAuditIndex;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.IndexDefinition;
import java.util.List;

/**
 * Opens the audit index on the configured cluster (created if missing); closing it closes the
 * client.
 */
public record ElasticsearchAuditIndexFactory(ElasticsearchSettings settings, IndexDefinition index)
        implements AuditIndexFactory {

    public ElasticsearchAuditIndexFactory(ElasticsearchSettings settings) {
        this(settings, ElasticsearchAuditIndex.AUDIT);
    }

    @Override
    public AuditIndex open() {
        ElasticsearchClient client = ElasticsearchClients.connect(settings);
        return new Connection(client, ElasticsearchAuditIndex.ensure(client, index));
    }

    private record Connection(ElasticsearchClient client, ElasticsearchAuditIndex index)
            implements AuditIndex, AutoCloseable {
        @Override
        public void index(List<IndexedAudit> entries) {
            index.index(entries);
        }

        @Override
        public AuditPage search(AuditQuery query) {
            return index.search(query);
        }

        @Override
        public void refresh() {
            index.refresh();
        }

        @Override
        public void close() throws Exception {
            client._transport().close();
        }
    }
}
