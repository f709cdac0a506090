package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.OutboxStats;
import dev.formgate.testing.TestClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedStatsTest {
    final TestClock clock = new TestClock();
    final AtomicInteger reads = new AtomicInteger();

    OutboxStats read() {
        return new OutboxStats(0, reads.incrementAndGet(), 0, 0, Optional.empty());
    }

    @Test
    void reads_the_outbox_at_most_once_per_second_however_many_gauges_ask() {
        CachedStats cache = new CachedStats(this::read, clock, Duration.ofSeconds(1));

        for (int i = 0; i < 10; i++) cache.get();
        clock.advance(Duration.ofMillis(999));
        long stillFirst = cache.get().orElseThrow().queued();
        clock.advance(Duration.ofMillis(1));
        long second = cache.get().orElseThrow().queued();

        assertEquals(1, stillFirst);
        assertEquals(2, second);
        assertEquals(2, reads.get());
    }

    @Test
    void a_failed_read_answers_empty_and_is_retried_on_the_next_call() {
        AtomicInteger calls = new AtomicInteger();
        CachedStats cache = new CachedStats(() -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("database is locked");
            return read();
        }, clock, Duration.ofSeconds(1));

        Optional<OutboxStats> failed = cache.get();
        Optional<OutboxStats> next = cache.get();

        assertTrue(failed.isEmpty());
        assertEquals(1, next.orElseThrow().queued());
    }
}
