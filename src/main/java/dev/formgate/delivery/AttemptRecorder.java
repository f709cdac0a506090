package dev.formgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivery attempt and writes its result to the outbox; shared by the request path and the worker.
 *
 * <p>Logs state changes with id, form and reason only.
 */
final class AttemptRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);

    private final Outbox outbox;
    private final Cms cms;
    private final RetryPolicy retry;
    private final Clock clock;
    private final DeliveryListener listener;
    private final Consumer<String> markDelivered;

    /**
     * {@code markDelivered} writes the delivered state of a submission id: the worker waits for it
     * ({@link Outbox#markDelivered}), the request path does not ({@link Outbox#markDeliveredLater}).
     */
    AttemptRecorder(Outbox outbox, Cms cms, RetryPolicy retry, Clock clock, DeliveryListener listener,
                    Consumer<String> markDelivered) {
        this.outbox = outbox;
        this.cms = cms;
        this.retry = retry;
        this.clock = clock;
        this.listener = listener;
        this.markDelivered = markDelivered;
    }

    /** Calls the CMS; a CMS bug (an exception) counts as a passing failure so the submission is retried. */
    DeliveryResult attempt(Submission s) {
        return attempt(s, cms::deliver);
    }

    /** As {@link #attempt(Submission)}, waiting for the CMS at most {@code timeout}. */
    DeliveryResult attempt(Submission s, Duration timeout) {
        return attempt(s, submission -> cms.deliver(submission, timeout));
    }

    private DeliveryResult attempt(Submission s, Function<Submission, DeliveryResult> call) {
        long started = System.nanoTime(); // a measurement only: no decision depends on it
        try {
            return call.apply(s);
        } catch (RuntimeException e) {
            LOG.error("CMS client failed on submission {} (form {}): {}", s.id(), s.form(), e.toString());
            return new DeliveryResult.Retry("CMS client error: " + e.getClass().getSimpleName(), Optional.empty());
        } finally {
            listener.called(s.form(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Writes the result; {@code failedBefore} is the row's attempts count before this attempt. */
    void record(Submission s, int failedBefore, DeliveryResult result) {
        if (result instanceof DeliveryResult.Delivered) {
            markDelivered.accept(s.id());
            // no line of its own: the request path's access line says outcome=delivered, the worker logs its redeliveries
            listener.recorded(s.form(), DeliveryListener.Result.DELIVERED);
        } else if (result instanceof DeliveryResult.Retry r) {
            retryLater(s, failedBefore + 1, r);
        } else if (result instanceof DeliveryResult.GiveUp g) {
            outbox.markDead(s.id(), g.reason());
            listener.recorded(s.form(), DeliveryListener.Result.DEAD);
            LOG.error("submission {} (form {}) is dead: {}", s.id(), s.form(), g.reason());
        }
    }

    private void retryLater(Submission s, int failed, DeliveryResult.Retry r) {
        var next = retry.nextAttempt(failed, s.createdAt(), clock.instant(), r.retryAfter());
        if (next.isPresent()) {
            outbox.markRetry(s.id(), next.get(), r.reason());
            listener.recorded(s.form(), DeliveryListener.Result.RETRY);
            LOG.warn("submission {} (form {}) queued for retry at {} after attempt {}: {}",
                    s.id(), s.form(), next.get(), failed, r.reason());
        } else {
            String reason = "gave up after " + failed + " attempts (too old): " + r.reason();
            outbox.markDead(s.id(), reason);
            listener.recorded(s.form(), DeliveryListener.Result.DEAD);
            LOG.error("submission {} (form {}) is dead: {}", s.id(), s.form(), reason);
        }
    }

    /** Whether the CMS answered at all; the breaker tracks reachability, not whether the entry was accepted. */
    static boolean reachable(DeliveryResult result) {
        return !(result instanceof DeliveryResult.Retry);
    }
}
