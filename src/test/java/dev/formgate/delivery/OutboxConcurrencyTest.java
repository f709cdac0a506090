package dev.formgate.delivery;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxConcurrencyTest {
    private static final int THREADS = 50;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final Fixtures fixtures = new Fixtures(clock);

    private <T> List<T> concurrently(java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fifty_concurrent_stores_are_all_durable_in_fewer_commits() throws Exception {
        Set<String> stored = ConcurrentHashMap.newKeySet();
        long commitsBefore;
        long commits;
        try (Outbox outbox = Outbox.open(dir, clock)) {
            commitsBefore = outbox.commitCount();

            concurrently(() -> {
                Submission s = fixtures.contact("Ada");
                outbox.store(s, State.QUEUED, List.of());
                stored.add(s.id());
                return null;
            });

            commits = outbox.commitCount() - commitsBefore;
        }

        assertEquals(THREADS, stored.size());
        assertTrue(commits < THREADS, "group commit used " + commits + " commits for " + THREADS + " stores");
        try (Outbox reopened = Outbox.open(dir, clock)) {
            for (String id : stored) {
                assertTrue(reopened.find(id).isPresent(), id);
            }
            assertEquals(THREADS, reopened.list(Optional.empty(), Optional.empty(), 100).size());
        }
    }

    @Test
    void concurrent_stores_with_one_dedup_key_create_exactly_one_row() throws Exception {
        try (Outbox outbox = Outbox.open(dir, clock)) {
            DedupKey key = new DedupKey("same-form-same-payload", clock.instant().minusSeconds(60));

            List<StoreOutcome> outcomes = concurrently(() -> outbox.store(fixtures.contact("Ada"), State.QUEUED, List.of(key)));

            assertEquals(1, outcomes.stream().filter(StoreOutcome::created).count());
            assertEquals(1, outcomes.stream().map(o -> o.stored().id()).distinct().count());
            assertEquals(1, outbox.stats().queued());
        }
    }
}
