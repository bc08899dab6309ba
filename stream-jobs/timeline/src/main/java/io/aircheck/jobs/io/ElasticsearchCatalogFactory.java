package io.aircheck.jobs.io;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.RetryPolicy;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexDefinition;
import io.aircheck.storage.index.Indexes;
import java.util.List;
import java.util.Optional;

/**
 * Opens the catalog on the configured Elasticsearch cluster, through {@code index}'s alias (the
 * {@code rooms} alias; a rebuild writes through its staging alias); closing it closes the client.
 */
public record ElasticsearchCatalogFactory(ElasticsearchSettings settings, IndexDefinition index)
        implements RoomCatalogFactory {

    public ElasticsearchCatalogFactory(ElasticsearchSettings settings) {
        this(settings, Indexes.ROOMS);
    }

    @Override
    public RoomCatalog open() {
        ElasticsearchClient client = ElasticsearchClients.connect(settings);
        return new Connection(
                client, new ElasticsearchRoomCatalog(client, index, RetryPolicy.defaults()));
    }

    private record Connection(ElasticsearchClient client, ElasticsearchRoomCatalog catalog)
            implements RoomCatalog, AutoCloseable {
        @Override
        public void upsertAll(List<VersionedRoom> rooms) {
            catalog.upsertAll(rooms);
        }

        @Override
        public Optional<RoomDocument> get(String roomId, String sessionId) {
            return catalog.get(roomId, sessionId);
        }

        @Override
        public RoomPage list(RoomQuery query) {
            return catalog.list(query);
        }

        @Override
        public List<RoomDocument> sessions(String roomId) {
            return catalog.sessions(roomId);
        }

        @Override
        public void refresh() {
            catalog.refresh();
        }

        @Override
        public void close() throws Exception {
            client._transport().close();
        }
    }
}
