package io.aircheck.jobs.indexer.io;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.TranscriptIndex;
import io.aircheck.storage.VersionedTranscript;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchTranscriptIndex;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.List;

/**
 * Opens the transcripts index on the configured cluster, through {@code index}'s alias (the {@code
 * transcripts} alias; a rebuild writes through its staging alias); closing it closes the client.
 */
public record ElasticsearchTranscriptIndexFactory(
        ElasticsearchSettings settings, IndexDefinition index) implements TranscriptIndexFactory {

    public ElasticsearchTranscriptIndexFactory(ElasticsearchSettings settings) {
        this(settings, Indexes.TRANSCRIPTS);
    }

    /** Connects, and creates the versioned index and its alias if this is a fresh cluster. */
    @Override
    public TranscriptIndex open() {
        ElasticsearchClient client = ElasticsearchClients.connect(settings);
        if (index.alias().equals(Indexes.TRANSCRIPTS.alias())) {
            IndexBootstrap.ensure(client, index);
        }
        return new Connection(
                client, new ElasticsearchTranscriptIndex(client, index, RetryPolicy.defaults()));
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
