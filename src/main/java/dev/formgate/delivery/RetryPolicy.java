package dev.formgate.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with full jitter, capped, never before
 * the CMS's {@code Retry-After}, and not at all once the submission is older than the max age.
 *
 * <p>Full jitter (a uniform delay between 0 and the backoff ceiling) spreads a backlog that built
 * up during an outage, so recovery is not met by a thundering herd.
 */
public final class RetryPolicy {
    private final Duration base;
    private final Duration cap;
    private final Duration maxAge;
    private final RandomGenerator random;

    public RetryPolicy(Duration base, Duration cap, Duration maxAge, RandomGenerator random) {
        this.base = positive(base, "base");
        this.cap = positive(cap, "cap");
        this.maxAge = positive(maxAge, "maxAge");
        this.random = Objects.requireNonNull(random, "random");
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap " + cap + " must be >= base " + base);
        }
    }

    /** Sensible defaults: 2s base, 15min cap, give up after 3 days. */
    public static RetryPolicy defaults(RandomGenerator random) {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofDays(3), random);
    }

    /**
     * The time of the next attempt, or empty to give up because the submission is too old.
     *
     * @param attemptsSoFar failed attempts including the one that just failed (0 is treated as 1)
     */
    public Optional<Instant> nextAttempt(int attemptsSoFar, Instant createdAt, Instant now, Optional<Duration> retryAfter) {
        Instant deadline = createdAt.plus(maxAge);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration floor = retryAfter.filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        Duration delay = max(jittered(ceiling(attemptsSoFar)), floor);
        Instant next = now.plus(delay);
        if (next.isAfter(deadline)) {
            // One last attempt at the deadline, unless the CMS asked us to wait longer.
            next = max(deadline, now.plus(floor));
        }
        return Optional.of(next);
    }

    Duration ceiling(int attemptsSoFar) {
        int exponent = Math.max(0, attemptsSoFar - 1);
        if (exponent >= 62) {
            return cap;
        }
        long baseMillis = base.toMillis();
        long factor = 1L << exponent;
        if (baseMillis > cap.toMillis() / factor) {
            return cap;
        }
        return Duration.ofMillis(baseMillis * factor);
    }

    private Duration jittered(Duration ceiling) {
        return Duration.ofMillis(random.nextLong(ceiling.toMillis() + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
    }
}
