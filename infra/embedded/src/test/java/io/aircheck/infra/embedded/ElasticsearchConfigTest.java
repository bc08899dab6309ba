package io.aircheck.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchConfigTest {

    @TempDir Path home;
    @TempDir Path data;

    @Test
    void bindsToLoopbackAsASingleNodeWithDataUnderTheDataDirectory() {
        Map<String, String> settings = ElasticsearchConfig.settings(home, data, 9201, 9301);

        assertThat(settings)
                .containsEntry("network.host", "127.0.0.1")
                .containsEntry("discovery.type", "single-node")
                .containsEntry("http.port", "9201")
                .containsEntry("transport.port", "9301")
                .containsEntry("path.data", data.resolve("data").toString())
                .containsEntry("path.logs", data.resolve("logs").toString())
                .containsEntry("cluster.routing.allocation.disk.threshold_enabled", "false")
                .containsEntry("action.destructive_requires_name", "false")
                .containsEntry("search.query_phase_parallel_collection_enabled", "false");
    }

    @Test
    void setsModuleSettingsOnlyWhenTheDistributionHasTheModule() throws IOException {
        assertThat(ElasticsearchConfig.settings(home, data, 1, 2))
                .doesNotContainKeys(
                        "xpack.security.enabled",
                        "xpack.ml.enabled",
                        "ingest.geoip.downloader.enabled");

        Files.createDirectories(home.resolve("modules/x-pack-security"));

        assertThat(ElasticsearchConfig.settings(home, data, 1, 2))
                .containsEntry("xpack.security.enabled", "false")
                .doesNotContainKeys("xpack.ml.enabled", "ingest.geoip.downloader.enabled");
    }

    @Test
    void jvmOptionsKeepTheDistributionsButWriteFilesUnderLogs() throws IOException {
        Path options = home.resolve("jvm.options");
        Files.write(
                options,
                List.of(
                        "## comment",
                        "-XX:+UseG1GC",
                        "-Djava.io.tmpdir=${ES_TMPDIR}",
                        "20-:--add-modules=jdk.incubator.vector",
                        "-XX:+HeapDumpOnOutOfMemoryError",
                        "-XX:ErrorFile=hs_err_pid%p.log",
                        "-Xlog:gc*,gc+age=trace,safepoint:file=gc.log:utctime,level,pid,tags:filecount=32,filesize=64m"));
        Path logs = data.resolve("logs");

        assertThat(ElasticsearchConfig.jvmOptions(options, logs))
                .containsExactly(
                        "-XX:+UseG1GC",
                        "-Djava.io.tmpdir=${ES_TMPDIR}",
                        "20-:--add-modules=jdk.incubator.vector",
                        "-XX:ErrorFile=" + logs.resolve("hs_err_pid%p.log"),
                        "-Xlog:gc*,gc+age=trace,safepoint:file="
                                + logs.resolve("gc.log")
                                + ":utctime,level,pid,tags:filecount=2,filesize=16m");
    }
}
