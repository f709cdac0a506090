package dev.formgate.delivery;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes submission ids: UUIDv7 strings (RFC 9562), time-ordered so ids sort like submissions arrive.
 *
 * <p>The 12 bits after the millisecond timestamp are a counter seeded randomly each millisecond
 * (RFC 9562 method 1), so ids from one generator are strictly increasing even within a millisecond
 * or when the clock steps back.
 */
public final class SubmissionIds {
    private static final long COUNTER_MAX = 0xFFF;

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long counter;

    public SubmissionIds(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new id such as {@code 0190a6f2-3b4c-7d5e-8f60-123456789abc}. */
    public synchronized String next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            counter++;
            if (counter > COUNTER_MAX) {
                millis++;
                counter = random.nextLong(COUNTER_MAX / 2 + 1);
            }
        } else {
            // Seed in the lower half so the counter has room to grow within the millisecond.
            counter = random.nextLong(COUNTER_MAX / 2 + 1);
        }
        lastMillis = millis;
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
