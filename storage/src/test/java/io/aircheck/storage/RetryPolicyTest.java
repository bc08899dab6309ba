package io.aircheck.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final List<Duration> waits = new ArrayList<>();

    private RetryPolicy policy(int attempts, double jitter) {
        return new RetryPolicy(
                attempts, Duration.ofMillis(100), Duration.ofSeconds(1), () -> jitter, waits::add);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheCap() {
        RetryPolicy noJitterTop = policy(10, 1.0);
        // jitter 1.0 gives the top of [base/2, base]
        assertThat(noJitterTop.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(noJitterTop.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(noJitterTop.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(noJitterTop.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(noJitterTop.delayBefore(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitterTop.delayBefore(80)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterKeepsAtLeastHalfTheBase() {
        assertThat(policy(5, 0.0).delayBefore(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy(5, 0.0).delayBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy(5, 0.5).delayBefore(2)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void realJitterStaysInRange() {
        RetryPolicy policy = RetryPolicy.defaults();
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delayBefore(2))
                    .isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        }
    }

    @Test
    void returnsAsSoonAsAnAttemptSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result =
                policy(5, 1.0)
                        .run(
                                () -> {
                                    if (calls.incrementAndGet() < 3) {
                                        throw new IOException("flaky");
                                    }
                                    return "ok";
                                },
                                e -> e instanceof IOException);
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                policy(5, 1.0)
                                        .run(
                                                () -> {
                                                    throw new IOException(
                                                            "down #" + calls.incrementAndGet());
                                                },
                                                e -> true))
                .isInstanceOf(IOException.class)
                .hasMessage("down #5");
        assertThat(waits).hasSize(4);
    }

    @Test
    void doesNotRetryWhatTheClassifierRejects() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                policy(5, 1.0)
                                        .run(
                                                () -> {
                                                    calls.incrementAndGet();
                                                    throw new IllegalStateException("bad key");
                                                },
                                                e -> e instanceof IOException))
                .isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void unexpectedUncheckedExceptionsPassThroughTyped() {
        assertThatThrownBy(
                        () ->
                                RetryPolicy.none()
                                        .<String, IOException>run(
                                                () -> {
                                                    throw new ArithmeticException("boom");
                                                },
                                                e -> true))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void anInterruptStopsRetrying() {
        RetryPolicy interrupted =
                new RetryPolicy(
                        5,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        () -> 0.5,
                        d -> {
                            throw new InterruptedException();
                        });
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                interrupted.run(
                                        () -> {
                                            calls.incrementAndGet();
                                            throw new IOException("down");
                                        },
                                        e -> true))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(calls).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void defaultsAreFiveAttemptsFrom100ms() {
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(5);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(5, 1.0).delayBefore(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
