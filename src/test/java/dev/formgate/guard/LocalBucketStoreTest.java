package dev.formgate.guard;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalBucketStoreTest {
    private static final List<RateSpec> ONE_PER_MINUTE = List.of(RateSpec.parse("1/1m"));
    private final TestClock clock = new TestClock(java.time.Instant.parse("2025-06-01T12:00:00Z"));

    @Test
    void holds_no_more_buckets_than_its_bound() {
        LocalBucketStore store = new LocalBucketStore(100, Duration.ofMinutes(10), clock);

        for (int i = 0; i < 5_000; i++) {
            store.tryTake("contact|10.0." + (i / 256) + "." + (i % 256), ONE_PER_MINUTE);
        }

        assertTrue(store.size() <= 100, "size " + store.size());
    }

    @Test
    void forgets_idle_buckets_after_the_idle_expiry() {
        LocalBucketStore store = new LocalBucketStore(100, Duration.ofMinutes(10), clock);
        store.tryTake("a", ONE_PER_MINUTE);
        store.tryTake("b", ONE_PER_MINUTE);

        clock.advance(Duration.ofMinutes(9));
        store.tryTake("b", ONE_PER_MINUTE);
        clock.advance(Duration.ofMinutes(2));

        assertEquals(1, store.size());
    }

    @Test
    void keeps_a_bucket_at_least_as_long_as_its_window_so_expiry_never_grants_extra_requests() {
        LocalBucketStore store = new LocalBucketStore(100, Duration.ofMinutes(1), clock);
        List<RateSpec> daily = List.of(RateSpec.parse("1/1d"));
        store.tryTake("a", daily);

        clock.advance(Duration.ofHours(23));
        BucketProbe again = store.tryTake("a", daily);

        assertFalse(again.consumed());
        assertEquals(Duration.ofHours(1), again.untilRefill());
    }

    @Test
    void give_back_returns_a_token_but_never_above_the_allowance() {
        LocalBucketStore store = new LocalBucketStore(100, Duration.ofMinutes(10), clock);
        store.tryTake("a", ONE_PER_MINUTE);

        store.giveBack("a", ONE_PER_MINUTE);
        store.giveBack("a", ONE_PER_MINUTE);

        assertTrue(store.tryTake("a", ONE_PER_MINUTE).consumed());
        assertFalse(store.tryTake("a", ONE_PER_MINUTE).consumed());
    }

    @Test
    void rejects_a_non_positive_bound() {
        assertThrows(IllegalArgumentException.class, () -> new LocalBucketStore(0, Duration.ofMinutes(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new LocalBucketStore(1, Duration.ZERO, clock));
    }
}
