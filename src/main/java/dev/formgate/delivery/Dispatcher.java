package dev.formgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request path: store durably, then try delivery now within a short deadline unless the breaker is open
 * or the form has no key (HELD, local mode).
 *
 * <p>Once {@link #submit} returns, the submission is durable whatever the CMS did: a refusal (GiveUp)
 * still answers {@link Outcome#QUEUED} to the submitter, and the operator finds the row dead. An attempt
 * that outlives the deadline keeps running on the delivery executor and records its own result; the
 * worker may retry the row meanwhile, which is safe because the CMS deduplicates by submission id.
 * If the store itself fails, {@link OutboxUnavailableException} propagates (answer 503).
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Cms cms;
    private final CircuitBreaker breaker;
    private final Duration deadline;
    private final ExecutorService deliveryExecutor;
    private final AttemptRecorder recorder;

    public Dispatcher(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock,
                      Duration deadline, ExecutorService deliveryExecutor) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.cms = Objects.requireNonNull(cms, "cms");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.deliveryExecutor = Objects.requireNonNull(deliveryExecutor, "deliveryExecutor");
        this.recorder = new AttemptRecorder(outbox, cms,
                Objects.requireNonNull(retry, "retry"), Objects.requireNonNull(clock, "clock"));
    }

    /** Stores the submission, tries to deliver it now, and says how far it got. */
    public Receipt submit(Submission s, List<DedupKey> dedupKeys) {
        State initial = cms.configuredFor(s.form()) ? State.QUEUED : State.HELD;
        StoreOutcome stored = outbox.store(s, initial, dedupKeys);
        if (!stored.created()) {
            return duplicate(stored.stored());
        }
        if (initial == State.HELD) {
            LOG.info("submission {} (form {}) held: no CMS key for this form", s.id(), s.form());
            return new Receipt(s.id(), Outcome.HELD, false);
        }
        if (!breaker.allowRequest()) {
            LOG.info("submission {} (form {}) queued: CMS circuit breaker is {}", s.id(), s.form(), breaker.state());
            return new Receipt(s.id(), Outcome.QUEUED, false);
        }
        return new Receipt(s.id(), deliverNow(s), false);
    }

    private Outcome deliverNow(Submission s) {
        CompletableFuture<DeliveryResult> attempt;
        try {
            attempt = CompletableFuture.supplyAsync(() -> recorder.attempt(s), deliveryExecutor);
        } catch (RejectedExecutionException e) {
            // a half-open probe slot taken here expires by itself after the breaker's cool-down
            LOG.warn("submission {} (form {}) queued: delivery executor is full", s.id(), s.form());
            return Outcome.QUEUED;
        }
        try {
            DeliveryResult result = attempt.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            onTime(s, result);
            return result instanceof DeliveryResult.Delivered ? Outcome.DELIVERED : Outcome.QUEUED;
        } catch (TimeoutException e) {
            breaker.onFailure();
            LOG.warn("submission {} (form {}) queued: CMS did not answer within {}", s.id(), s.form(), deadline);
            attempt.whenComplete((late, error) -> recordLate(s, late));
            return Outcome.QUEUED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.whenComplete((late, error) -> recordLate(s, late));
            return Outcome.QUEUED;
        } catch (ExecutionException e) {
            return Outcome.QUEUED; // cannot happen: recorder.attempt never throws; the worker retries the row
        }
    }

    private void onTime(Submission s, DeliveryResult result) {
        if (AttemptRecorder.reachable(result)) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        recorder.record(s, 0, result);
    }

    /** The breaker already counted the timeout; only the outbox learns the late result. */
    private void recordLate(Submission s, DeliveryResult late) {
        if (late == null) {
            return;
        }
        try {
            int failedBefore = outbox.find(s.id()).map(StoredSubmission::attempts).orElse(0);
            recorder.record(s, failedBefore, late);
        } catch (RuntimeException e) {
            LOG.error("recording late result for submission {} (form {}) failed: {}", s.id(), s.form(), e.getMessage());
        }
    }

    private static Receipt duplicate(StoredSubmission earlier) {
        Outcome outcome = switch (earlier.state()) {
            case DELIVERED -> Outcome.DELIVERED;
            case HELD -> Outcome.HELD;
            case QUEUED, DEAD -> Outcome.QUEUED;
        };
        return new Receipt(earlier.id(), outcome, true);
    }
}
