package io.aircheck.api.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import io.aircheck.api.ApiConfig;
import io.aircheck.api.SearchApi;
import io.aircheck.api.search.Segment;
import io.aircheck.api.testing.IndexedSegments;
import io.aircheck.infra.embedded.EmbeddedElasticsearch;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.storage.RoomDocument;
import io.aircheck.storage.VersionedRoom;
import io.aircheck.storage.index.ElasticsearchClients;
import io.aircheck.storage.index.ElasticsearchRoomCatalog;
import io.aircheck.storage.index.IndexBootstrap;
import io.aircheck.storage.index.Indexes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search load benchmark (run by hand, not by {@code mvn verify}): fills the transcripts index of an
 * embedded Elasticsearch node with generated segments (kept in {@code --data}, so a second run
 * skips the load), starts search-api on it, and measures search latency through the HTTP API at 1,
 * 8 and 32 concurrent clients.
 *
 * <pre>
 * mvn -B -o -pl search-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.aircheck.api.bench.SearchLoadBenchmark \
 *   -Dexec.args="--segments 1000000 --seconds 30 --data /tmp/aircheck-search-bench \
 *     [--clients 1,8,32] [--warmup 240] [--heap 1g] [--es-settings name=value,...]
 *     [--ab-setting name=a|b]"   (a node setting at a for levels 1, 3, ... and b for 2, 4, ...)
 * </pre>
 */
public final class SearchLoadBenchmark {
    private static final int PER_SESSION = 500;
    private static final int BULK = 4_000;
    private static final String RESEARCHER_KEY = "bench-researcher-0123456789";

    /** CPU time of the client threads that ended (each adds its own when it is done). */
    private static final AtomicLong CLIENT_THREADS_CPU = new AtomicLong();

    private SearchLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int target = Integer.parseInt(options.getOrDefault("segments", "1000000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "240"));
        Path data = Path.of(options.getOrDefault("data", "/tmp/aircheck-search-bench"));
        int[] levels =
                Arrays.stream(options.getOrDefault("clients", "1,8,32").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();

        try (EmbeddedElasticsearch node =
                        EmbeddedElasticsearch.start(
                                data.resolve("es"),
                                0,
                                data.resolve("es-home"),
                                options.getOrDefault("heap", "1g"));
                EmbeddedS3 s3 = EmbeddedS3.start(null, 0, "bench", "bench-secret-key")) {
            Map<String, String> env = new HashMap<>();
            env.put("AIRCHECK_API_PORT", "0");
            env.put("AIRCHECK_API_KEYS", "bench:researcher:" + RESEARCHER_KEY);
            env.put("AIRCHECK_S3_ENDPOINT", s3.endpoint().toString());
            env.put("AIRCHECK_S3_ACCESS_KEY", "bench");
            env.put("AIRCHECK_S3_SECRET_KEY", "bench-secret-key");
            env.put("AIRCHECK_ES_URL", node.url().toString());
            env.put(
                    "AIRCHECK_KAFKA_BOOTSTRAP",
                    io.aircheck.infra.embedded.SharedTestServers.kafka().bootstrapServers());
            ApiConfig config = ApiConfig.fromEnv(env);
            ElasticsearchClient es = ElasticsearchClients.connect(config.elasticsearch());
            Indexes.ALL.forEach(index -> IndexBootstrap.ensure(es, index));
            long have = es.count(c -> c.index(Indexes.TRANSCRIPTS.alias())).count();
            long carded =
                    es.count(
                                    c ->
                                            c.index(Indexes.TRANSCRIPTS.alias())
                                                    .query(q -> q.exists(e -> e.field("card"))))
                            .count();
            if (carded < have) {
                // loaded by an earlier build, before cards: searches would measure the slow path
                System.out.printf(
                        Locale.ROOT,
                        "%,d of %,d segments have no card: loading again%n",
                        have - carded,
                        have);
                es.indices().delete(d -> d.index(Indexes.TRANSCRIPTS.concreteIndex()));
                IndexBootstrap.ensure(es, Indexes.TRANSCRIPTS);
                have = 0;
            }
            if (have < target) {
                load(es, (int) have, target);
            }
            System.out.printf(
                    Locale.ROOT,
                    "index: %,d transcript segments (%s)%n",
                    es.count(c -> c.index(Indexes.TRANSCRIPTS.alias())).count(),
                    indexSize(es));
            // node settings to try (transient: gone at the node's next start)
            for (String setting : options.getOrDefault("es-settings", "").split(",")) {
                if (!setting.isBlank()) {
                    String[] kv = setting.split("=", 2);
                    es.cluster()
                            .putSettings(
                                    c ->
                                            c.transient_(
                                                    kv[0].trim(),
                                                    co.elastic.clients.json.JsonData.of(
                                                            kv[1].trim())));
                    System.out.println("node setting: " + setting.trim());
                }
            }
            try (SearchApi api = SearchApi.start(config)) {
                String base = "http://127.0.0.1:" + api.port();
                List<String> queries = queries(new SegmentGenerator(42, 20_000), 2_000);
                // long enough for both JVMs' JIT compilers to settle (a server's steady state):
                // with
                // both cores full they finish late; after 60 s, 8 clients still cost 10-14 ms of
                // CPU
                // per search, after 150 s 7.3 ms
                System.out.println("warm-up: 8 clients, " + warmup + " s");
                measure(base, queries, 8, warmup);
                System.out.println(
                        "clients  requests  req/s    p50 ms   p90 ms   p99 ms   max ms  errors"
                                + "  cpu ms/search = ES + API&clients   load avg");
                String[] ab = options.getOrDefault("ab-setting", "").split("=", 2);
                for (int level = 0; level < levels.length; level++) {
                    int clients = levels[level];
                    if (ab.length == 2) {
                        // A/B on the same warm JVMs: name=a|b, a at levels 1, 3, ..., b at 2, 4,
                        // ...
                        String name = ab[0].trim();
                        String value = ab[1].split("\\|")[level % 2].trim();
                        es.cluster()
                                .putSettings(
                                        c ->
                                                c.transient_(
                                                        name,
                                                        co.elastic.clients.json.JsonData.of(
                                                                value)));
                        System.out.println("level " + (level + 1) + ": " + name + "=" + value);
                    }
                    long[] phasesBefore = searchPhases(es);
                    long esCpu = cpuNanos(true);
                    long ownCpu = cpuNanos(false);
                    Map<Long, long[]> threadsBefore = threadCpu();
                    long clientsBefore = CLIENT_THREADS_CPU.get();
                    Result r = measure(base, queries, clients, seconds);
                    long[] parts = partsBetween(threadsBefore, threadCpu());
                    parts[2] += CLIENT_THREADS_CPU.get() - clientsBefore;
                    double es1 = (cpuNanos(true) - esCpu) / 1e6 / Math.max(1, r.count());
                    double own = (cpuNanos(false) - ownCpu) / 1e6 / Math.max(1, r.count());
                    System.out.printf(
                            Locale.ROOT,
                            "%7d  %8d  %6.1f  %7.1f  %7.1f  %7.1f  %7.1f  %6d  %6.1f = %.1f + %.1f %13.1f%n",
                            clients,
                            r.count(),
                            r.count() / (double) seconds,
                            r.p(0.50),
                            r.p(0.90),
                            r.p(0.99),
                            r.p(1.0),
                            r.errors(),
                            es1 + own,
                            es1,
                            own,
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage());
                    long[] phases = searchPhases(es);
                    double n = Math.max(1, r.count());
                    System.out.printf(
                            Locale.ROOT,
                            "         Elasticsearch per search: %.2f query phases (%.2f ms each), %.2f fetch"
                                    + " phases (%.2f ms each, highlighting included)%n",
                            (phases[0] - phasesBefore[0]) / n,
                            (phases[1] - phasesBefore[1])
                                    / Math.max(1.0, phases[0] - phasesBefore[0]),
                            (phases[2] - phasesBefore[2]) / n,
                            (phases[3] - phasesBefore[3])
                                    / Math.max(1.0, phases[2] - phasesBefore[2]));
                    double apiCpu = parts[0] / 1e6 / n;
                    double audit = parts[1] / 1e6 / n;
                    double http = parts[2] / 1e6 / n;
                    System.out.printf(
                            Locale.ROOT,
                            "         this JVM per search: API %.2f ms, audit trail (producer and"
                                    + " broker) %.2f ms, clients %.2f ms, the rest (GC, JIT, ...)"
                                    + " %.2f ms%n",
                            apiCpu,
                            audit,
                            http,
                            own - apiCpu - audit - http);
                    for (int k = 0; k < KINDS.length; k++) {
                        Result kind =
                                new Result(
                                        r.byKind().get(k), r.byKind().get(k).length, 0, List.of());
                        System.out.printf(
                                Locale.ROOT,
                                "         %-13s %6d  p50 %6.1f  p90 %6.1f  p99 %6.1f ms%n",
                                KINDS[k],
                                kind.count(),
                                kind.p(0.50),
                                kind.p(0.90),
                                kind.p(0.99));
                    }
                }
            }
            es._transport().close();
        }
    }

    private static void load(ElasticsearchClient es, int have, int target) throws Exception {
        String concrete = Indexes.TRANSCRIPTS.concreteIndex();
        es.indices()
                .putSettings(
                        s -> s.index(concrete).settings(x -> x.refreshInterval(t -> t.time("-1"))));
        int sessions = (target + PER_SESSION - 1) / PER_SESSION;
        int firstSession = have / PER_SESSION;
        SegmentGenerator generator = new SegmentGenerator(7, 20_000);
        ElasticsearchRoomCatalog catalog = new ElasticsearchRoomCatalog(es);
        Instant start = Instant.parse("2025-01-01T10:00:00Z");
        long began = System.nanoTime();
        AtomicLong written = new AtomicLong(have);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> pending = new ArrayList<>();
        List<VersionedRoom> rooms = new ArrayList<>();
        List<Segment> batch = new ArrayList<>(BULK);
        for (int i = 0; i < sessions; i++) {
            RoomDocument room =
                    generator.room(i, start.plus(Duration.ofHours(i * 3L)), PER_SESSION);
            if (i < firstSession) {
                generator.session(room, PER_SESSION); // keep the generator's sequence
                continue;
            }
            rooms.add(new VersionedRoom(room, 1));
            batch.addAll(generator.session(room, PER_SESSION));
            if (batch.size() >= BULK || i == sessions - 1) {
                List<Segment> toWrite = batch;
                batch = new ArrayList<>(BULK);
                pending.add(
                        writers.submit(
                                () -> {
                                    bulk(es, toWrite);
                                    return written.addAndGet(toWrite.size());
                                }));
                if (pending.size() >= 4) {
                    pending.remove(0).get();
                    long n = written.get();
                    double rate = (n - have) / ((System.nanoTime() - began) / 1e9);
                    System.out.printf(
                            Locale.ROOT,
                            "\rloaded %,d / %,d segments (%,.0f/s, ~%.0f s left)   ",
                            n,
                            target,
                            rate,
                            (target - n) / Math.max(rate, 1));
                }
            }
            if (rooms.size() >= 200) {
                catalog.upsertAll(rooms);
                rooms = new ArrayList<>();
            }
        }
        for (Future<?> f : pending) {
            f.get();
        }
        writers.shutdown();
        catalog.upsertAll(rooms);
        catalog.refresh();
        double took = (System.nanoTime() - began) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%nloaded %,d segments in %.0f s (%,.0f/s)%n",
                written.get() - have,
                took,
                (written.get() - have) / took);
        es.indices()
                .putSettings(
                        s -> s.index(concrete).settings(x -> x.refreshInterval(t -> t.time("1s"))));
        long merge = System.nanoTime();
        es.indices().forcemerge(f -> f.index(concrete).maxNumSegments(5L));
        es.indices().refresh(r -> r.index(concrete));
        System.out.printf(
                Locale.ROOT, "merged and refreshed in %.0f s%n", (System.nanoTime() - merge) / 1e9);
    }

    private static void bulk(ElasticsearchClient es, List<Segment> segments) throws Exception {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(Indexes.TRANSCRIPTS.alias());
        for (Segment s : segments) {
            bulk.operations(
                    o -> o.index(i -> i.id(s.segmentId()).document(IndexedSegments.source(s))));
        }
        BulkResponse response = es.bulk(bulk.build());
        if (response.errors()) {
            throw new IllegalStateException(
                    "bulk refused: "
                            + response.items().stream()
                                    .filter(i -> i.error() != null)
                                    .findFirst()
                                    .map(i -> i.error().reason())
                                    .orElse("?"));
        }
    }

    /**
     * A mix like people's: single words, two words, phrases, and filtered or time-sorted searches.
     */
    static List<String> queries(SegmentGenerator g, int count) {
        Random r = g.random();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(100);
            String q;
            if (kind < 40) {
                q = "q=" + enc(g.word());
            } else if (kind < 65) {
                q = "q=" + enc(g.word() + " " + g.word());
            } else if (kind < 80) {
                String[] c = SegmentGenerator.COMMON;
                q = "q=" + enc("\"" + c[r.nextInt(c.length)] + " " + c[r.nextInt(c.length)] + "\"");
            } else if (kind < 88) {
                q = "q=" + enc(g.word()) + "&sort=newest";
            } else if (kind < 94) {
                q = "q=" + enc(g.word()) + "&live=false&since=2025-06-01";
            } else {
                q = "q=" + enc(g.word()) + "&room=room-" + r.nextInt(2_000);
            }
            queries.add(q + (r.nextInt(4) == 0 ? "&as=researcher" : ""));
        }
        return queries;
    }

    /** The kinds of search in the mix, told apart by their query strings. */
    static final String[] KINDS = {
        "one word", "two words", "phrase", "newest first", "since", "room"
    };

    static int kindOf(String q) {
        if (q.contains("sort=newest")) {
            return 3;
        }
        if (q.contains("since=")) {
            return 4;
        }
        if (q.contains("&room=")) {
            return 5;
        }
        if (q.startsWith("q=%22")) {
            return 2;
        }
        return q.substring(2).contains("+") ? 1 : 0;
    }

    record Result(long[] nanos, int count, long errors, List<long[]> byKind) {
        double p(double quantile) {
            if (count == 0) {
                return 0;
            }
            int index = (int) Math.min(count - 1, Math.ceil(quantile * count) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }
    }

    private static Result measure(String base, List<String> queries, int clients, int seconds)
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger ids =
                new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        clients, r -> new Thread(r, "bench-client-" + ids.incrementAndGet()));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<Future<long[][]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            results.add(
                    pool.submit(
                            () -> {
                                HttpClient http =
                                        HttpClient.newBuilder()
                                                .version(HttpClient.Version.HTTP_1_1)
                                                .build();
                                Random r = new Random(seed);
                                long clientCpuAtStart =
                                        ManagementFactory.getThreadMXBean()
                                                .getCurrentThreadCpuTime();
                                long[] samples = new long[1 << 16];
                                long[][] kinds = new long[KINDS.length][1 << 16];
                                int[] kindCounts = new int[KINDS.length];
                                int n = 0;
                                while (System.nanoTime() < end && n < samples.length) {
                                    String q = queries.get(r.nextInt(queries.size()));
                                    HttpRequest.Builder request;
                                    if (q.endsWith("&as=researcher")) {
                                        request =
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        base
                                                                                + "/api/search?"
                                                                                + q.replace(
                                                                                        "&as=researcher",
                                                                                        "")))
                                                        .header(
                                                                "Authorization",
                                                                "Bearer " + RESEARCHER_KEY);
                                    } else {
                                        request =
                                                HttpRequest.newBuilder(
                                                        URI.create(base + "/api/search?" + q));
                                    }
                                    long t0 = System.nanoTime();
                                    HttpResponse<byte[]> response =
                                            http.send(
                                                    request.build(),
                                                    HttpResponse.BodyHandlers.ofByteArray());
                                    samples[n++] = System.nanoTime() - t0;
                                    int kind = kindOf(q);
                                    kinds[kind][kindCounts[kind]++] = samples[n - 1];
                                    if (response.statusCode() != 200) {
                                        errors.incrementAndGet();
                                    }
                                }
                                CLIENT_THREADS_CPU.addAndGet(
                                        ManagementFactory.getThreadMXBean()
                                                        .getCurrentThreadCpuTime()
                                                - clientCpuAtStart);
                                long[][] out = new long[KINDS.length + 1][];
                                out[0] = Arrays.copyOf(samples, n);
                                for (int k = 0; k < KINDS.length; k++) {
                                    out[k + 1] = Arrays.copyOf(kinds[k], kindCounts[k]);
                                }
                                return out;
                            }));
        }
        List<long[][]> all = new ArrayList<>();
        for (Future<long[][]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        long[] merged = all.stream().flatMapToLong(a -> Arrays.stream(a[0])).sorted().toArray();
        List<long[]> byKind = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            int kind = k + 1;
            byKind.add(all.stream().flatMapToLong(a -> Arrays.stream(a[kind])).sorted().toArray());
        }
        return new Result(merged, merged.length, errors.get(), byKind);
    }

    /** The node's search phases so far: query count, query ms, fetch count, fetch ms. */
    private static long[] searchPhases(ElasticsearchClient es) throws Exception {
        var search = es.indices().stats(s -> s.metric("search")).all().total().search();
        return new long[] {
            search.queryTotal(),
            search.queryTimeInMillis(),
            search.fetchTotal(),
            search.fetchTimeInMillis()
        };
    }

    /**
     * CPU time so far of this JVM's live threads, by thread id: [part, nanos]. Parts, told apart by
     * thread names: 0 the API (Jetty, the look-ups, the Elasticsearch client), 1 the audit trail
     * (its producers and the in-process broker), 2 the clients' HTTP threads (the client threads
     * themselves count their own time: they have ended when this is called), 3 anything else.
     */
    private static Map<Long, long[]> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, long[]> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            String name = info.getThreadName();
            int part;
            if (name.startsWith("JettyServerThreadPool")
                    || name.startsWith("search-lookup")
                    || name.startsWith("elasticsearch-rest-client")) {
                part = 0;
            } else if (name.contains("kafka")
                    || name.startsWith("audit-log-sender")
                    || name.startsWith("broker-")
                    || name.startsWith("quorum-controller")) {
                part = 1;
            } else if (name.startsWith("HttpClient-")) {
                part = 2;
            } else {
                part = 3;
            }
            cpu.put(info.getThreadId(), new long[] {part, nanos});
        }
        return cpu;
    }

    /**
     * CPU time per part between two {@link #threadCpu} snapshots: threads alive at the end (those
     * that ended in between are not counted), plus the client threads, which count themselves.
     */
    private static long[] partsBetween(Map<Long, long[]> before, Map<Long, long[]> after) {
        long[] parts = new long[4];
        after.forEach(
                (id, a) -> {
                    long[] b = before.get(id);
                    parts[(int) a[0]] += a[1] - (b == null ? 0 : b[1]);
                });
        return parts;
    }

    /** CPU time used so far by the Elasticsearch child processes, or by this JVM. */
    private static long cpuNanos(boolean elasticsearch) {
        if (!elasticsearch) {
            return ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .map(Duration::toNanos)
                    .orElse(0L);
        }
        return ProcessHandle.current()
                .descendants()
                .map(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .mapToLong(Long::longValue)
                .sum();
    }

    private static String indexSize(ElasticsearchClient es) throws Exception {
        var stats = es.indices().stats(s -> s.index(Indexes.TRANSCRIPTS.concreteIndex()));
        long bytes = stats.all().primaries().store().sizeInBytes();
        return String.format(Locale.ROOT, "%.0f MB on disk", bytes / 1e6);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
