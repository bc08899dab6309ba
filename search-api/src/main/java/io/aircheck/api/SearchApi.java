package io.aircheck.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.aircheck.api.access.Credentials;
import io.aircheck.api.audit.ArchiveRoutes;
import io.aircheck.api.http.AdminController;
import io.aircheck.api.http.ApiServer;
import io.aircheck.api.http.Authentication;
import io.aircheck.api.http.RecordingController;
import io.aircheck.api.http.RoomsController;
import io.aircheck.api.http.SearchController;
import io.aircheck.api.http.TranscriptController;
import io.aircheck.api.http.WebPages;
import io.aircheck.api.replay.RecordingService;
import io.aircheck.api.replay.TimelineService;
import io.aircheck.api.replay.TranscriptService;
import io.aircheck.api.rooms.RoomService;
import io.aircheck.api.search.SearchService;
import io.aircheck.api.search.SearchSlots;
import io.aircheck.api.search.TranscriptIndex;
import io.aircheck.api.search.es.ElasticsearchTranscriptIndex;
import io.aircheck.api.search.es.IndexCores;
import io.aircheck.storage.IndexException;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import io.aircheck.storage.s3.S3ObjectStore;
import io.javalin.Javalin;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running search-api: its server and the connections it holds. */
public final class SearchApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchApi.class);

    private final Javalin server;
    private final S3ObjectStore store;
    private final ElasticsearchClient elasticsearch;
    private final ExecutorService lookups;
    private final ArchiveRoutes archive;

    private SearchApi(
            Javalin server,
            S3ObjectStore store,
            ElasticsearchClient elasticsearch,
            ExecutorService lookups,
            ArchiveRoutes archive) {
        this.server = server;
        this.store = store;
        this.elasticsearch = elasticsearch;
        this.lookups = lookups;
        this.archive = archive;
    }

    private static Thread lookupThread(Runnable r) {
        Thread t = new Thread(r, "search-lookup");
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects to the archive and the index (failing fast with a message naming the bad setting)
     * and starts serving.
     */
    public static SearchApi start(ApiConfig config) {
        S3ObjectStore store = S3ObjectStore.connect(config.s3());
        ElasticsearchClient es;
        try {
            es = ElasticsearchClients.connect(config.elasticsearch());
            Indexes.ALL.forEach(index -> IndexBootstrap.ensure(es, index));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        ElasticsearchRoomCatalog catalog = new ElasticsearchRoomCatalog(es);
        RoomService rooms = new RoomService(catalog);
        ArchiveRoutes archive;
        try {
            archive =
                    ArchiveRoutes.create(
                            config.audit(), store, es, catalog, java.time.Clock.systemUTC());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        RecordingService recordings = new RecordingService(rooms, store);
        TranscriptIndex index = new ElasticsearchTranscriptIndex(es);
        TranscriptService transcripts = new TranscriptService(rooms, index, store);
        Credentials credentials = config.credentials();
        ExecutorService lookups = Executors.newCachedThreadPool(SearchApi::lookupThread);
        Javalin server =
                ApiServer.create(
                        config.host(),
                        config.port(),
                        new ApiServer.Controllers(
                                new Authentication(credentials, config.anonymousAllowed()),
                                new RoomsController(rooms),
                                new RecordingController(recordings),
                                new TranscriptController(
                                        transcripts,
                                        new TimelineService(rooms, transcripts, store)),
                                new SearchController(
                                        new SearchService(index, lookups, searchSlots(config, es))),
                                new AdminController(credentials, config.anonymousAllowed()),
                                new WebPages(),
                                archive));
        server.start();
        LOG.info("search-api listening on http://{}:{}", config.host(), server.port());
        return new SearchApi(server, store, es, lookups, archive);
    }

    /**
     * The configured number of search slots, or the index's data nodes' processors + 1 (each core
     * busy, one search between phases).
     */
    private static SearchSlots searchSlots(ApiConfig config, ElasticsearchClient es) {
        int slots = config.searchConcurrency();
        if (slots == 0) {
            int cores;
            try {
                cores = IndexCores.ofDataNodes(es);
            } catch (IndexException e) {
                cores = 0;
                LOG.warn(
                        "could not read the data nodes' processors (the nodes info API needs the"
                                + " monitor privilege): {}",
                        e.getMessage());
            }
            if (cores == 0) {
                cores = Runtime.getRuntime().availableProcessors();
                LOG.warn(
                        "searches at once from this machine's {} processors; set {} to choose",
                        cores,
                        ApiConfig.SEARCH_CONCURRENCY.env());
            }
            slots = Math.max(2, cores + 1);
            LOG.info("{} searches at once ({} cores + 1)", slots, cores);
        }
        return new SearchSlots(slots, config.searchQueueTimeout());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        lookups.shutdownNow();
        archive.close();
        store.close();
        try {
            elasticsearch._transport().close();
        } catch (java.io.IOException e) {
            LOG.warn("closing the Elasticsearch client: {}", e.getMessage());
        }
    }

    public static void main(String[] args) {
        SearchApi api = start(ApiConfig.fromEnv(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "search-api-shutdown"));
    }
}
