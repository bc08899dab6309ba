package io.aircheck.jobs.indexer.io;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.TranscriptIndex;
import io.aircheck.storage.VersionedTranscript;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchTranscriptIndex;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import java.util.List;

/** Opens the transcripts index on the configured cluster; closing it closes the client. */
public record ElasticsearchTranscriptIndexFactory(ElasticsearchSettings settings)
        implements TranscriptIndexFactory {

    /** Connects, and creates the versioned index and its alias if this is a fresh cluster. */
    @Override
    public TranscriptIndex open() {
        ElasticsearchClient client = ElasticsearchClients.connect(settings);
        IndexBootstrap.ensure(client, Indexes.TRANSCRIPTS);
        return new Connection(client, new ElasticsearchTranscriptIndex(client));
    }

    private record Connection(ElasticsearchClient client, ElasticsearchTranscriptIndex index)
            implements TranscriptIndex, AutoCloseable {
        @Override
        public void upsertAll(List<VersionedTranscript> segments) {
            index.upsertAll(segments);
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
