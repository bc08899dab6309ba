package io.aircheck.capture.gateway;

import io.aircheck.protocol.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes refused input to the dead-letter topics at a bounded rate per topic, so that a flood of
 * garbage cannot crowd out good records: every refusal is counted in the metrics, and those past
 * the rate are counted as suppressed instead of written.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final RoomLogWriter writer;
    private final IngestMetrics metrics;
    private final int perSecond;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    DeadLetters(
            RoomLogWriter writer, IngestMetrics metrics, int perSecond, LongSupplier nanoClock) {
        this.writer = writer;
        this.metrics = metrics;
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
    }

    /**
     * Dead-letters a record refused from {@code sourceTopic}'s input. The future completes true
     * once written, false when suppressed by the rate limit or not acknowledged (both counted).
     */
    CompletableFuture<Boolean> write(
            String sourceTopic, String roomId, byte[] value, String reason, String origin) {
        String topic = Topics.deadLetter(sourceTopic);
        TokenBucket bucket =
                buckets.computeIfAbsent(
                        topic,
                        t -> new TokenBucket(perSecond, 2.0 * perSecond, nanoClock.getAsLong()));
        if (!bucket.tryTake(nanoClock.getAsLong())) {
            metrics.deadLetterSuppressed(topic);
            return CompletableFuture.completedFuture(false);
        }
        return writer.writeDeadLetter(sourceTopic, roomId, value, reason, origin)
                .handle(
                        (ok, error) -> {
                            if (error != null) {
                                metrics.writeFailed(topic);
                                LOG.warn(
                                        "could not write a dead letter to {}: {}",
                                        topic,
                                        error.toString());
                                return false;
                            }
                            return true;
                        });
    }
}
