package io.aircheck.api.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aircheck.api.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SearchSlotsTest {

    @Test
    void runsTheSearchAndFreesItsSlotEvenWhenItFails() {
        SearchSlots slots = new SearchSlots(1, Duration.ofMillis(100));
        assertThat(slots.run(() -> "hits")).isEqualTo("hits");
        assertThatThrownBy(
                        () ->
                                slots.run(
                                        () -> {
                                            throw new IllegalStateException("index down");
                                        }))
                .hasMessage("index down");
        assertThat(slots.run(() -> "again")).isEqualTo("again");
    }

    @Test
    void aSearchThatWaitsLongerThanTheTimeoutIsAnsweredBusy() throws Exception {
        SearchSlots slots = new SearchSlots(1, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> slots.run(() -> hold(holding, release)));
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThatThrownBy(() -> slots.run(() -> "never"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.code()).isEqualTo("busy");
                            assertThat(e.getMessage())
                                    .contains("1 searches at once")
                                    .contains("try again shortly");
                        });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));

        release.countDown();
        holder.join();
        assertThat(slots.run(() -> "served")).isEqualTo("served");
    }

    @Test
    void waitingSearchesAreServedInOrderOfArrival() throws Exception {
        SearchSlots slots = new SearchSlots(1, Duration.ofSeconds(30));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> slots.run(() -> hold(holding, release)));
        holder.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        List<String> served = new CopyOnWriteArrayList<>();
        List<Thread> waiting = new java.util.ArrayList<>();
        for (String name : List.of("first", "second", "third", "fourth")) {
            Thread t = new Thread(() -> slots.run(() -> served.add(name)));
            t.start();
            waiting.add(t);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (slots.waiting() < waiting.size() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(slots.waiting()).isEqualTo(waiting.size());
        }

        release.countDown();
        holder.join();
        for (Thread t : waiting) {
            t.join();
        }
        assertThat(served).containsExactly("first", "second", "third", "fourth");
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new SearchSlots(0, Duration.ofSeconds(1)))
                .hasMessageContaining("slots must be >= 1");
        assertThatThrownBy(() -> new SearchSlots(2, Duration.ofSeconds(-1)))
                .hasMessageContaining("timeout must not be negative");
    }

    private static String hold(CountDownLatch holding, CountDownLatch release) {
        holding.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
