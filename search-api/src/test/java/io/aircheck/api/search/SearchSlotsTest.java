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
        Holder holder = Holder.takeTheOnlySlot(slots);

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

        holder.letGo();
        assertThat(slots.run(() -> "served")).isEqualTo("served");
    }

    @Test
    void waitingSearchesAreServedInOrderOfArrival() throws Exception {
        SearchSlots slots = new SearchSlots(1, Duration.ofSeconds(30));
        Holder holder = Holder.takeTheOnlySlot(slots);

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

        holder.letGo();
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

    /** A search that holds its slot until released. */
    private record Holder(Thread thread, CountDownLatch release) {
        static Holder takeTheOnlySlot(SearchSlots slots) throws InterruptedException {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread thread =
                    new Thread(
                            () ->
                                    slots.run(
                                            () -> {
                                                holding.countDown();
                                                awaitQuietly(release);
                                                return "held";
                                            }));
            thread.start();
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            return new Holder(thread, release);
        }

        void letGo() throws InterruptedException {
            release.countDown();
            thread.join();
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
