package dev.formgate.delivery;

import java.time.Clock;
import java.util.Optional;
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

    AttemptRecorder(Outbox outbox, Cms cms, RetryPolicy retry, Clock clock) {
        this.outbox = outbox;
        this.cms = cms;
        this.retry = retry;
        this.clock = clock;
    }

    /** Calls the CMS; a CMS bug (an exception) counts as a passing failure so the submission is retried. */
    DeliveryResult attempt(Submission s) {
        try {
            return cms.deliver(s);
        } catch (RuntimeException e) {
            LOG.error("CMS client failed on submission {} (form {}): {}", s.id(), s.form(), e.toString());
            return new DeliveryResult.Retry("CMS client error: " + e.getClass().getSimpleName(), Optional.empty());
        }
    }

    /** Writes the result; {@code failedBefore} is the row's attempts count before this attempt. */
    void record(Submission s, int failedBefore, DeliveryResult result) {
        if (result instanceof DeliveryResult.Delivered) {
            outbox.markDelivered(s.id());
            LOG.info("submission {} (form {}) delivered", s.id(), s.form());
        } else if (result instanceof DeliveryResult.Retry r) {
            retryLater(s, failedBefore + 1, r);
        } else if (result instanceof DeliveryResult.GiveUp g) {
            outbox.markDead(s.id(), g.reason());
            LOG.error("submission {} (form {}) is dead: {}", s.id(), s.form(), g.reason());
        }
    }

    private void retryLater(Submission s, int failed, DeliveryResult.Retry r) {
        var next = retry.nextAttempt(failed, s.createdAt(), clock.instant(), r.retryAfter());
        if (next.isPresent()) {
            outbox.markRetry(s.id(), next.get(), r.reason());
            LOG.warn("submission {} (form {}) queued for retry at {} after attempt {}: {}",
                    s.id(), s.form(), next.get(), failed, r.reason());
        } else {
            String reason = "gave up after " + failed + " attempts (too old): " + r.reason();
            outbox.markDead(s.id(), reason);
            LOG.error("submission {} (form {}) is dead: {}", s.id(), s.form(), reason);
        }
    }

    /** Whether the CMS answered at all; the breaker tracks reachability, not whether the entry was accepted. */
    static boolean reachable(DeliveryResult result) {
        return !(result instanceof DeliveryResult.Retry);
    }
}
