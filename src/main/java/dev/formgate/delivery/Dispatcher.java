package dev.formgate.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request path: store durably, then try delivery now, on the calling thread and within a short deadline, unless
 * the breaker is open or the form has no key (HELD, local mode).
 *
 * <p>Once {@link #submit} returns, the submission is durable whatever the CMS did: a refusal (GiveUp)
 * still answers {@link Outcome#QUEUED} to the submitter, and the operator finds the row dead. The attempt waits for
 * the CMS at most the deadline (or the CMS's own request timeout, if shorter); a CMS that does not answer in time
 * is a failed attempt like any other: the breaker counts it, the row is due again by the retry policy, and the
 * submitter hears {@link Outcome#QUEUED}. The "delivered" mark is queued for the next group commit without waiting
 * for it ({@link Outbox#markDeliveredLater}): should it be lost, the worker sends the row again and Flotiq's
 * "id already used" counts as delivered. While the request path owns the attempt, the row is leased: not due for the
 * worker until {@code attemptLease} has passed, so a crash mid-attempt leaves it due after the lease. Should the
 * worker still retry it, that is safe because the CMS deduplicates by submission id.
 * If the store itself fails, {@link OutboxUnavailableException} propagates (answer 503).
 */
public final class Dispatcher {
    /** How long the request path owns a fresh row by default: longer than a CMS request's default timeout. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Cms cms;
    private final CircuitBreaker breaker;
    private final Duration deadline;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final Duration attemptLease;

    /** As the full constructor, with a lease of {@link #DEFAULT_LEASE}. */
    public Dispatcher(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock, Duration deadline) {
        this(outbox, cms, breaker, retry, clock, deadline, DEFAULT_LEASE, DeliveryListener.NONE);
    }

    /**
     * {@code attemptLease} must outlast one request-path attempt (the deadline, connecting included), or the worker
     * may send the row a second time; {@code listener} hears about every attempt.
     */
    public Dispatcher(Outbox outbox, Cms cms, CircuitBreaker breaker, RetryPolicy retry, Clock clock,
                      Duration deadline, Duration attemptLease, DeliveryListener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attemptLease = Objects.requireNonNull(attemptLease, "attemptLease");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.cms = Objects.requireNonNull(cms, "cms");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.recorder = new AttemptRecorder(outbox, cms, Objects.requireNonNull(retry, "retry"), clock,
                Objects.requireNonNull(listener, "listener"), outbox::markDeliveredLater);
    }

    /** Stores the submission, tries to deliver it now, and says how far it got. */
    public Receipt submit(Submission s, List<DedupKey> dedupKeys) {
        State initial = cms.configuredFor(s.form()) ? State.QUEUED : State.HELD;
        // Asked before storing so the row is stored with its lease in one write; a half-open probe slot
        // taken by a duplicate expires by itself after the breaker's cool-down.
        boolean tryNow = initial == State.QUEUED && breaker.allowRequest();
        Instant now = clock.instant();
        StoreOutcome stored = outbox.store(s, initial, dedupKeys, tryNow ? now.plus(attemptLease) : now);
        if (!stored.created()) {
            return duplicate(stored.stored());
        }
        if (initial == State.HELD) {
            LOG.info("submission {} (form {}) held: no CMS key for this form", s.id(), s.form());
            return new Receipt(s.id(), Outcome.HELD, false);
        }
        if (!tryNow) {
            LOG.info("submission {} (form {}) queued: CMS circuit breaker is {}", s.id(), s.form(), breaker.state());
            return new Receipt(s.id(), Outcome.QUEUED, false);
        }
        return new Receipt(s.id(), deliverNow(s), false);
    }

    private Outcome deliverNow(Submission s) {
        DeliveryResult result = recorder.attempt(s, deadline);
        if (AttemptRecorder.reachable(result)) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        recorder.record(s, 0, result);
        return result instanceof DeliveryResult.Delivered ? Outcome.DELIVERED : Outcome.QUEUED;
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
