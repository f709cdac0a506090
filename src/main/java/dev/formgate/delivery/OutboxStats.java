package dev.formgate.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Row counts per state and the age of the oldest queued submission, for readiness and metrics. */
public record OutboxStats(long held, long queued, long dead, long delivered, Optional<Duration> oldestQueuedAge) {
    public OutboxStats {
        Objects.requireNonNull(oldestQueuedAge, "oldestQueuedAge");
    }
}
