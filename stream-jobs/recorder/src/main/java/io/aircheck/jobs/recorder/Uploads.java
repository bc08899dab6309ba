package io.aircheck.jobs.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writer's object-store work, off the operator thread: each room's uploads run in the order
 * submitted (a playlist after the segment it lists), different rooms' concurrently, so one room's
 * slow upload never holds another's segments back. A checkpoint waits for all of them ({@link
 * #awaitAll}), so everything written before a checkpoint is durable when it completes. The first
 * failure (the store already retried transient ones) is kept and rethrown on the operator thread,
 * which fails the job loudly.
 */
final class Uploads implements AutoCloseable {
    /** A piece of I/O. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Uploads(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        this.pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    ExecutorService pool() {
        return pool;
    }

    /** Runs {@code parallel} concurrently after the room's earlier work, then {@code then}. */
    void submit(String room, List<Task> parallel, Task then) {
        chains.compute(
                room,
                (key, previous) -> {
                    CompletableFuture<Void> before =
                            previous == null ? CompletableFuture.completedFuture(null) : previous;
                    return before.thenCompose(
                                    ignored -> {
                                        List<CompletableFuture<Void>> all = new ArrayList<>();
                                        for (Task task : parallel) {
                                            all.add(run(task));
                                        }
                                        return CompletableFuture.allOf(
                                                all.toArray(CompletableFuture[]::new));
                                    })
                            .thenCompose(ignored -> run(then));
                });
    }

    private CompletableFuture<Void> run(Task task) {
        return CompletableFuture.runAsync(
                () -> {
                    if (failure.get() != null) {
                        throw new IllegalStateException("an earlier upload failed");
                    }
                    try {
                        task.run();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        throw new IllegalStateException(e);
                    }
                },
                pool);
    }

    /** Waits for the room's uploads; rethrows the first failure of any. */
    void awaitRoom(String room) throws Exception {
        CompletableFuture<Void> chain = chains.get(room);
        if (chain != null) {
            await(chain);
            chains.remove(room, chain);
        }
        check();
    }

    /** Waits for every upload submitted so far; rethrows the first failure. */
    void awaitAll() throws Exception {
        for (Map.Entry<String, CompletableFuture<Void>> chain : Map.copyOf(chains).entrySet()) {
            await(chain.getValue());
            chains.remove(chain.getKey(), chain.getValue());
        }
        check();
    }

    /** Rethrows the first upload failure, if there was one. */
    void check() throws Exception {
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void await(CompletableFuture<Void> chain) throws Exception {
        try {
            chain.get();
        } catch (ExecutionException e) {
            check();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
