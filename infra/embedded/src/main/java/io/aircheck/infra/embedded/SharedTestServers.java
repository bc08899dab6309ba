package io.aircheck.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For integration tests in other modules: one lazily-started transient instance of each server per
 * JVM, in a temp dir, stopped by a JVM shutdown hook.
 *
 * <p>Tests share the servers, so each test uses its own topic, bucket and index names. The
 * Elasticsearch home (the unpacked distribution) is kept in {@code java.io.tmpdir} and reused by
 * every test JVM on the machine.
 */
public final class SharedTestServers {

    public static final String S3_ACCESS_KEY = "test-access";
    public static final String S3_SECRET_KEY = "test-secret-key-0123456789";

    private static final Logger LOG = LoggerFactory.getLogger(SharedTestServers.class);
    private static EmbeddedKafka kafka;
    private static EmbeddedS3 s3;
    private static EmbeddedElasticsearch elasticsearch;
    private static Path root;

    private SharedTestServers() {}

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(root().resolve("kafka"), 0);
        }
        return kafka;
    }

    /** Credentials: accessKey "test-access", secretKey "test-secret-key-0123456789". */
    public static synchronized EmbeddedS3 s3() {
        if (s3 == null) {
            root(); // registers the shutdown hook
            s3 = EmbeddedS3.start(null, 0, S3_ACCESS_KEY, S3_SECRET_KEY);
        }
        return s3;
    }

    public static synchronized EmbeddedElasticsearch elasticsearch() {
        if (elasticsearch == null) {
            Path home =
                    Path.of(System.getProperty("java.io.tmpdir"))
                            .resolve(
                                    "aircheck-elasticsearch-home-"
                                            + ElasticsearchDistribution.locate().version());
            elasticsearch = EmbeddedElasticsearch.start(root().resolve("elasticsearch"), 0, home);
        }
        return elasticsearch;
    }

    /** The unpacked distribution every test JVM on this machine shares. */
    static Path elasticsearchHome() {
        return Path.of(System.getProperty("java.io.tmpdir"))
                .resolve(
                        "aircheck-elasticsearch-home-"
                                + ElasticsearchDistribution.locate().version());
    }

    private static Path root() {
        if (root == null) {
            try {
                root =
                        Files.createTempDirectory(
                                "aircheck-test-servers-",
                                PosixFilePermissions.asFileAttribute(
                                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new EmbeddedServerException(
                        "cannot create a temp dir for the test servers: " + e, e);
            }
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(SharedTestServers::stopAll, "stop-shared-test-servers"));
        }
        return root;
    }

    private static synchronized void stopAll() {
        for (AutoCloseable server : new AutoCloseable[] {elasticsearch, s3, kafka}) {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    LOG.warn("stopping {} failed", server.getClass().getSimpleName(), e);
                }
            }
        }
        try {
            ElasticsearchHome.deleteRecursively(root);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", root, e);
        }
    }
}
