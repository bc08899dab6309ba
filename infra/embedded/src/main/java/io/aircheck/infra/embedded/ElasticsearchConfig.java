package io.aircheck.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's own config folder ({@code ES_PATH_CONF}), rewritten at every start: {@code
 * elasticsearch.yml}, the distribution's {@code jvm.options} with its files moved into the data
 * directory, a small fixed heap, and the distribution's {@code log4j2.properties}.
 */
final class ElasticsearchConfig {

    static final String CLUSTER_NAME = "aircheck-embedded";

    /**
     * The default heap: enough for tests and a small archive; the launcher lets operators set it.
     */
    static final String HEAP = "256m";

    private ElasticsearchConfig() {}

    static void write(Path home, Path dataDir, int httpPort, int transportPort, String heap)
            throws IOException {
        if (!heap.matches("[1-9][0-9]*[mg]")) {
            throw new IllegalArgumentException("heap must be like 256m or 2g, not '" + heap + "'");
        }
        Path config = dataDir.resolve("config");
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(config.resolve("jvm.options.d"));
        Files.writeString(
                config.resolve("elasticsearch.yml"),
                yaml(settings(home, dataDir, httpPort, transportPort)),
                StandardCharsets.UTF_8);
        Files.write(
                config.resolve("jvm.options"),
                jvmOptions(home.resolve("config/jvm.options"), logs),
                StandardCharsets.UTF_8);
        Files.writeString(
                config.resolve("jvm.options.d/aircheck-heap.options"),
                "-Xms" + heap + "\n-Xmx" + heap + "\n",
                StandardCharsets.UTF_8);
        Files.copy(
                home.resolve("config/log4j2.properties"),
                config.resolve("log4j2.properties"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    static Map<String, String> settings(Path home, Path dataDir, int httpPort, int transportPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.name", CLUSTER_NAME);
        s.put("node.name", CLUSTER_NAME + "-node");
        s.put("discovery.type", "single-node");
        s.put("network.host", LoopbackPorts.HOST);
        s.put("http.port", String.valueOf(httpPort));
        s.put("transport.port", String.valueOf(transportPort));
        s.put("path.data", dataDir.resolve("data").toString());
        s.put("path.logs", dataDir.resolve("logs").toString());
        s.put("action.destructive_requires_name", "false");
        // the machine's disk may be fuller than the default watermarks allow
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // one thread per search: the node's cores are busy with concurrent searches (search-api
        // sends cores + 1 at once), so splitting one over its segments only adds the slices' cost
        // (measured: ~6 % less CPU per search, p99 3-5 ms lower at 8 clients on 2 cores)
        s.put("search.query_phase_parallel_collection_enabled", "false");
        // the node refuses settings of modules it does not have: set these only where the module
        // exists
        if (Files.isDirectory(home.resolve("modules/x-pack-security"))) {
            s.put("xpack.security.enabled", "false");
        }
        if (Files.isDirectory(home.resolve("modules/x-pack-ml"))) {
            s.put("xpack.ml.enabled", "false");
        }
        if (Files.isDirectory(home.resolve("modules/ingest-geoip"))) {
            s.put("ingest.geoip.downloader.enabled", "false");
        }
        return s;
    }

    private static String yaml(Map<String, String> settings) {
        StringBuilder yml =
                new StringBuilder("# written by aircheck's EmbeddedElasticsearch at every start\n");
        settings.forEach(
                (key, value) ->
                        yml.append(key)
                                .append(": \"")
                                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                                .append("\"\n"));
        return yml.toString();
    }

    /**
     * The distribution's options, with the GC log and error files under logs/ and no heap dumps.
     */
    static List<String> jvmOptions(Path distributionOptions, Path logs) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(distributionOptions, StandardCharsets.UTF_8)) {
            String option = line.strip();
            if (option.startsWith("#")
                    || option.isEmpty()
                    || option.endsWith("-XX:+HeapDumpOnOutOfMemoryError")) {
                continue;
            }
            if (option.startsWith("-XX:ErrorFile=")) {
                option = "-XX:ErrorFile=" + logs.resolve("hs_err_pid%p.log");
            } else if (option.contains("file=gc.log")) {
                option =
                        option.replace("file=gc.log", "file=" + logs.resolve("gc.log"))
                                .replaceAll("filecount=\\d+", "filecount=2")
                                .replaceAll("filesize=\\w+", "filesize=16m");
            }
            out.add(option);
        }
        return out;
    }
}
