package dev.formgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background redelivery of due rows; restart resumes them.
 *
 * <p>Every poll it delivers up to {@value #BATCH} due rows while the circuit breaker allows (half-open:
 * one probe). A queued row whose form lost its key goes back to held. On start it releases held rows of
 * forms that now have a key. Delivered rows (personal data) are deleted once older than the retention
 * (default 7 days), checked at most hourly.
 */
public final class DeliveryWorker implements AutoCloseable {
    static final int BATCH = 50;
    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final Cms cms;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration retention;
    private final AttemptRecorder recorder;
    private final ScheduledExecutorService scheduler;
    private Instant lastPurge;

    public DeliveryWorker(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock,
                          Duration pollInterval) {
        this(outbox, cms, breaker, retry, clock, pollInterval, DEFAULT_RETENTION);
    }

    /** As above, keeping delivered rows for {@code retention} before deleting them. */
    public DeliveryWorker(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock,
                          Duration pollInterval, Duration retention) {
        this(outbox, cms, breaker, retry, clock, pollInterval, retention, DeliveryListener.NONE);
    }

    /** As above, telling {@code listener} about every attempt. */
    public DeliveryWorker(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock,
                          Duration pollInterval, Duration retention, DeliveryListener listener) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.cms = Objects.requireNonNull(cms, "cms");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = positive(pollInterval, "pollInterval");
        this.retention = positive(retention, "retention");
        this.recorder = new AttemptRecorder(outbox, cms, Objects.requireNonNull(retry, "retry"), clock,
                Objects.requireNonNull(listener, "listener"), outbox::markDelivered);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "formgate-delivery-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Releases held rows whose form now has a key, then polls every {@code pollInterval}. */
    public void start() {
        int released = outbox.release(cms::configuredFor);
        if (released > 0) {
            LOG.info("released {} held submissions whose form now has a CMS key", released);
        }
        long millis = pollInterval.toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Delivers the due rows once; returns how many were attempted. */
    public synchronized int runOnce() {
        purgeIfTime();
        int attempted = 0;
        for (StoredSubmission row : outbox.due(BATCH)) {
            Submission s = row.submission();
            if (!cms.configuredFor(s.form())) {
                outbox.hold(s.id(), "no CMS key for form " + s.form());
                LOG.warn("submission {} (form {}) held again: its form has no CMS key", s.id(), s.form());
                continue;
            }
            if (!breaker.allowRequest()) {
                break;
            }
            attempted++;
            deliver(row);
        }
        return attempted;
    }

    private void deliver(StoredSubmission row) {
        DeliveryResult result = recorder.attempt(row.submission());
        if (AttemptRecorder.reachable(result)) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        recorder.record(row.submission(), row.attempts(), result);
        if (result instanceof DeliveryResult.Delivered) {
            LOG.info("submission {} (form {}) delivered after {} failed attempts", row.submission().id(),
                    row.submission().form(), row.attempts());
        }
    }

    private void purgeIfTime() {
        Instant now = clock.instant();
        if (lastPurge != null && now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            return;
        }
        lastPurge = now;
        int purged = outbox.purgeDelivered(now.minus(retention));
        if (purged > 0) {
            LOG.info("deleted {} delivered submissions older than {}", purged, retention);
        }
    }

    private void poll() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // keep polling: a locked or full disk may recover
            LOG.error("delivery worker run failed: {}", e.getMessage());
        }
    }

    /** Stops polling, letting a running attempt finish. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
    }
}
