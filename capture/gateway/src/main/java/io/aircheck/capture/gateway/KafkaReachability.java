package io.aircheck.capture.gateway;

import io.aircheck.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether the Kafka cluster answers, and has the topics the gateway writes to. */
final class KafkaReachability implements AutoCloseable {
    private final String bootstrapServers;
    private final Admin admin;

    KafkaReachability(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "capture-gateway-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(p);
    }

    /** Fails with a message naming the setting when the cluster or a topic is missing. */
    void require(Duration wait, Collection<String> topics) {
        long deadline = System.nanoTime() + wait.toNanos();
        String problem = null;
        while (System.nanoTime() < deadline) {
            problem = check(Duration.ofSeconds(3));
            if (problem == null) {
                break;
            }
            sleep(500);
        }
        if (problem != null) {
            throw new GatewayStartException(
                    "Kafka is not reachable at "
                            + KafkaSettings.BOOTSTRAP.env()
                            + "="
                            + bootstrapServers
                            + " (waited "
                            + wait.toSeconds()
                            + " s: "
                            + problem
                            + ")");
        }
        List<String> missing = missingTopics(topics);
        if (!missing.isEmpty()) {
            throw new GatewayStartException(
                    "Kafka at "
                            + KafkaSettings.BOOTSTRAP.env()
                            + "="
                            + bootstrapServers
                            + " lacks the topics "
                            + missing
                            + "; create them (the embedded stack does) before starting the gateway");
        }
    }

    /** Null when the cluster answers within {@code timeout}, else what went wrong. */
    String check(Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "no answer within " + timeout.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private List<String> missingTopics(Collection<String> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>(topics);
            missing.removeAll(existing);
            return missing;
        } catch (ExecutionException | TimeoutException e) {
            throw new GatewayStartException(
                    "cannot list the topics of Kafka at "
                            + KafkaSettings.BOOTSTRAP.env()
                            + "="
                            + bootstrapServers
                            + ": "
                            + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayStartException("interrupted while checking Kafka");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
