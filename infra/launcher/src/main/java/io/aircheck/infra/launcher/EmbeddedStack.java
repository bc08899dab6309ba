package io.aircheck.infra.launcher;

import io.aircheck.config.ElasticsearchSettings;
import io.aircheck.config.EnvReader;
import io.aircheck.config.KafkaSettings;
import io.aircheck.config.S3Settings;
import io.aircheck.infra.embedded.EmbeddedElasticsearch;
import io.aircheck.infra.embedded.EmbeddedKafka;
import io.aircheck.infra.embedded.EmbeddedS3;
import io.aircheck.protocol.Topics;
import io.aircheck.storage.signing.SigningKeyFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the servers the configuration does not point elsewhere (Kafka, S3, Elasticsearch), in
 * parallel, with data under the data directory, and creates the topics. Its {@link #env()} is the
 * environment every deployable reads: the caller's, with the embedded servers' endpoints filled in.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> env;

    private EmbeddedStack(Map<String, String> env) {
        this.env = env;
    }

    public static EmbeddedStack start(StackConfig config, Map<String, String> callerEnv) {
        Map<String, String> env = new HashMap<>(callerEnv);
        EmbeddedStack stack = new EmbeddedStack(env);
        try {
            S3Settings s3 = S3Settings.read(new EnvReader(env));
            CompletableFuture<EmbeddedKafka> kafka =
                    config.embeddedKafka()
                            ? CompletableFuture.supplyAsync(
                                    () ->
                                            EmbeddedKafka.start(
                                                    config.kafkaDir(), config.kafkaPort()))
                            : CompletableFuture.completedFuture(null);
            CompletableFuture<EmbeddedS3> objects =
                    config.embeddedS3()
                            ? CompletableFuture.supplyAsync(
                                    () ->
                                            EmbeddedS3.start(
                                                    config.s3Dir(),
                                                    config.s3Port(),
                                                    s3.accessKey(),
                                                    s3.secretKey()))
                            : CompletableFuture.completedFuture(null);
            CompletableFuture<EmbeddedElasticsearch> search =
                    config.embeddedElasticsearch()
                            ? CompletableFuture.supplyAsync(
                                    () ->
                                            EmbeddedElasticsearch.start(
                                                            config.elasticsearchDir(),
                                                            config.elasticsearchPort(),
                                                            config.elasticsearchHeap())
                                                    .withoutShutdownHook())
                            : CompletableFuture.completedFuture(null);
            List<RuntimeException> failures = new ArrayList<>();
            EmbeddedKafka broker = stack.track(join(kafka, failures));
            EmbeddedS3 s3Server = stack.track(join(objects, failures));
            EmbeddedElasticsearch node = stack.track(join(search, failures));
            if (!failures.isEmpty()) {
                failures.subList(1, failures.size()).forEach(f -> failures.get(0).addSuppressed(f));
                throw failures.get(0);
            }
            if (broker != null) {
                env.put(KafkaSettings.BOOTSTRAP.env(), broker.bootstrapServers());
                broker.createTopics(Topics.all(), config.kafkaPartitions());
                LOG.info("embedded Kafka broker at {}", broker.bootstrapServers());
            }
            if (s3Server != null) {
                env.put(S3Settings.ENDPOINT.env(), s3Server.endpoint().toString());
                LOG.info("embedded S3 server at {}", s3Server.endpoint());
            }
            if (node != null) {
                env.put(ElasticsearchSettings.URL.env(), node.url().toString());
                LOG.info("embedded Elasticsearch node at {}", node.url());
            }
            signingKey(config, env);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Unless one is configured: the stack's own signing key, made once in the data directory. */
    private static void signingKey(StackConfig config, Map<String, String> env) {
        String configured = env.get(SigningKeyFile.KEY_FILE.env());
        if (configured != null && !configured.isBlank()) {
            return;
        }
        java.nio.file.Path key = config.dataDir().resolve("keys").resolve("aircheck-signing.key");
        if (!java.nio.file.Files.exists(key)) {
            SigningKeyFile.generate(key);
            LOG.info(
                    "made the stack's signing key {} (public key {})",
                    key,
                    SigningKeyFile.publicFile(key));
        }
        env.put(SigningKeyFile.KEY_FILE.env(), key.toString());
    }

    /** The environment with the embedded endpoints filled in. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    private <T extends AutoCloseable> T track(T server) {
        if (server != null) {
            started.add(server);
        }
        return server;
    }

    /** The started server, or null after recording why it did not start. */
    private static <T> T join(CompletableFuture<T> future, List<RuntimeException> failures) {
        try {
            return future.join();
        } catch (CompletionException e) {
            failures.add(e.getCause() instanceof RuntimeException cause ? cause : e);
            return null;
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn(
                        "stopping {}: {}",
                        started.get(i).getClass().getSimpleName(),
                        e.getMessage());
            }
        }
        started.clear();
    }
}
