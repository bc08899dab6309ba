package io.aircheck.jobs.io;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.storage.RoomCatalog;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.RoomPage;
import io.aircheck.storage.RoomQuery;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import java.util.List;
import java.util.Optional;

/** Opens the catalog on the configured Elasticsearch cluster; closing it closes the client. */
public record ElasticsearchCatalogFactory(ElasticsearchSettings settings)
        implements RoomCatalogFactory {

    @Override
    public RoomCatalog open() {
        ElasticsearchClient client = ElasticsearchClients.connect(settings);
        return new Connection(client, new ElasticsearchRoomCatalog(client));
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
