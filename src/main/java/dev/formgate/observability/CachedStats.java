package dev.formgate.observability;

import dev.formgate.delivery.OutboxStats;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Outbox counts read at most once per {@code maxAge}, so a scrape (several gauges, several scrapers) costs one query.
 *
 * <p>A failed read answers empty (the gauges show NaN) and is tried again on the next call.
 */
final class CachedStats {
    private final Supplier<OutboxStats> source;
    private final Clock clock;
    private final long maxAgeMillis;
    private OutboxStats last;
    private long readAt;

    CachedStats(Supplier<OutboxStats> source, Clock clock, Duration maxAge) {
        this.source = source;
        this.clock = clock;
        this.maxAgeMillis = maxAge.toMillis();
    }

    synchronized Optional<OutboxStats> get() {
        long now = clock.millis();
        if (last == null || now - readAt >= maxAgeMillis || now < readAt) {
            try {
                last = source.get();
                readAt = now;
            } catch (RuntimeException e) {
                last = null;
            }
        }
        return Optional.ofNullable(last);
    }
}
