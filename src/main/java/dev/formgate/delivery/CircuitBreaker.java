package dev.formgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Stops hammering a CMS that is down: closed until N consecutive failures (timeouts included),
 * then open for a cool-down, then half-open, letting one probe through whose result closes or re-opens it.
 *
 * <p>A probe that never reports back (a lost thread) is replaced by a new one after another cool-down.
 * Thread-safe.
 */
public final class CircuitBreaker {
    private enum Phase { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private Phase phase = Phase.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt = Instant.MIN;
    private Instant probeStartedAt;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openFor = Objects.requireNonNull(openFor, "openFor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a request may go to the CMS now; in half-open state only the first caller gets true. */
    public synchronized boolean allowRequest() {
        Instant now = clock.instant();
        switch (phase) {
            case CLOSED:
                return true;
            case OPEN:
                if (now.isBefore(openedAt.plus(openFor))) {
                    return false;
                }
                phase = Phase.HALF_OPEN;
                probeStartedAt = now;
                return true;
            default:
                if (probeStartedAt == null || !now.isBefore(probeStartedAt.plus(openFor))) {
                    probeStartedAt = now;
                    return true;
                }
                return false;
        }
    }

    /** The CMS answered; close the breaker. */
    public synchronized void onSuccess() {
        phase = Phase.CLOSED;
        consecutiveFailures = 0;
        probeStartedAt = null;
    }

    /** The CMS failed or timed out; open the breaker at the threshold, or again after a failed probe. */
    public synchronized void onFailure() {
        consecutiveFailures++;
        if (phase == Phase.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            phase = Phase.OPEN;
            openedAt = clock.instant();
            probeStartedAt = null;
        }
    }

    /** {@code closed}, {@code open} or {@code half_open}; an open breaker past its cool-down reads {@code half_open}. */
    public synchronized String state() {
        if (phase == Phase.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return "half_open";
        }
        return phase.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + state() + "]";
    }
}
