package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10),
            Duration.ofDays(1), new SplittableRandom(11));

    private Duration delay(int attempts, Instant now) {
        return Duration.between(now, policy.nextAttempt(attempts, CREATED, now, Optional.empty()).orElseThrow());
    }

    @Test
    void delay_stays_within_an_exponentially_growing_ceiling() {
        for (int attempts = 1; attempts <= 8; attempts++) {
            Duration ceiling = Duration.ofSeconds(1L << (attempts - 1));
            for (int i = 0; i < 200; i++) {
                Duration d = delay(attempts, CREATED);

                assertTrue(!d.isNegative() && d.compareTo(ceiling) <= 0, "attempt " + attempts + ": " + d);
            }
        }
    }

    @Test
    void full_jitter_spreads_delays_over_the_whole_range() {
        Set<Long> seconds = new HashSet<>();

        for (int i = 0; i < 500; i++) {
            seconds.add(delay(10, CREATED).toSeconds());
        }

        assertTrue(seconds.contains(0L) || seconds.contains(1L), "some short delays: " + seconds);
        assertTrue(seconds.stream().anyMatch(s -> s >= 450), "some long delays: " + seconds);
    }

    @Test
    void delay_never_exceeds_the_cap_however_many_attempts() {
        for (int i = 0; i < 200; i++) {
            assertTrue(delay(1_000, CREATED).compareTo(Duration.ofMinutes(10)) <= 0);
        }
    }

    @Test
    void retry_after_is_a_floor() {
        Instant next = policy.nextAttempt(1, CREATED, CREATED, Optional.of(Duration.ofSeconds(90))).orElseThrow();

        assertTrue(!next.isBefore(CREATED.plusSeconds(90)), next.toString());
    }

    @Test
    void gives_up_once_the_submission_is_older_than_max_age() {
        Optional<Instant> next = policy.nextAttempt(3, CREATED, CREATED.plus(Duration.ofDays(1)), Optional.empty());

        assertEquals(Optional.empty(), next);
    }

    @Test
    void last_attempt_is_not_scheduled_past_max_age() {
        Instant now = CREATED.plus(Duration.ofDays(1)).minusSeconds(5);

        Instant next = policy.nextAttempt(20, CREATED, now, Optional.empty()).orElseThrow();

        assertTrue(!next.isAfter(CREATED.plus(Duration.ofDays(1))), next.toString());
    }

    @Test
    void same_seed_gives_same_schedule() {
        RetryPolicy a = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofDays(1), new SplittableRandom(5));
        RetryPolicy b = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofDays(1), new SplittableRandom(5));

        assertEquals(a.nextAttempt(4, CREATED, CREATED, Optional.empty()), b.nextAttempt(4, CREATED, CREATED, Optional.empty()));
    }
}
