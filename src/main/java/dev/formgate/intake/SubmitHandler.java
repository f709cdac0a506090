package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import dev.formgate.delivery.DedupKey;
import dev.formgate.delivery.Dispatcher;
import dev.formgate.delivery.Outcome;
import dev.formgate.delivery.OutboxUnavailableException;
import dev.formgate.delivery.Receipt;
import dev.formgate.delivery.Submission;
import dev.formgate.delivery.SubmissionIds;
import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.ClientIdentity;
import dev.formgate.validation.Coercer;
import dev.formgate.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The submit pipeline, in the order the checks run: cheap header checks first, the body last.
 */
public final class SubmitHandler {
    private final ClientIdentity identity;
    private final Cors cors;
    private final Throttle throttle;
    private final BodyReader bodies;
    private final SpamChecks spam;
    private final Dispatcher dispatcher;
    private final SubmissionIds ids;
    private final Answers answers;
    private final Clock clock;
    private final Duration doubleSubmitWindow;
    private final SubmissionEvents events;
    private final ObjectMapper json = Json.mapper();

    public SubmitHandler(ClientIdentity identity, Cors cors, Throttle throttle, SpamChecks spam, Dispatcher dispatcher,
                         SubmissionIds ids, Answers answers, Clock clock, Duration doubleSubmitWindow) {
        this(identity, cors, throttle, spam, dispatcher, ids, answers, clock, doubleSubmitWindow, SubmissionEvents.NONE);
    }

    /** As above, telling {@code events} how each attempt ended. */
    public SubmitHandler(ClientIdentity identity, Cors cors, Throttle throttle, SpamChecks spam, Dispatcher dispatcher,
                         SubmissionIds ids, Answers answers, Clock clock, Duration doubleSubmitWindow,
                         SubmissionEvents events) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.bodies = new BodyReader(BodyLimits.DEFAULT);
        this.spam = Objects.requireNonNull(spam, "spam");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.doubleSubmitWindow = Objects.requireNonNull(doubleSubmitWindow, "doubleSubmitWindow");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Finds the form, runs the pipeline, answers its refusals (tied to the form when there is one) and tells the
     * observers how it ended. Anything else that ends the request (a bug) is left to the caller to answer.
     */
    void handle(Exchange ex, Supplier<FormDefinition> findForm) {
        Attempt attempt = begin(ex);
        try {
            if (check(attempt, findForm)) store(attempt);
        } finally {
            finish(attempt);
        }
    }

    /** Starts an attempt: its clock and the client it counts against. */
    Attempt begin(Exchange ex) {
        return new Attempt(ex, identity.clientKey(ex.remoteAddress(), ex::header));
    }

    /**
     * Whether {@link #check} may wait on the network for {@code form}: the rate limiter's buckets are in Redis, or the
     * form asks its captcha's provider. (Reading the body waits too, unless all of it has arrived.)
     */
    boolean checkWaits(FormDefinition form) {
        return throttle.waitsOnNetwork() || spam.waitsOnNetwork(form);
    }

    /**
     * The pipeline up to the durable write, in the order the checks run: cheap header checks first, the body last.
     * True when the submission passed every check and {@link #store} comes next; false when it was answered here (a
     * refusal, or a spam post answered like a success and dropped).
     */
    boolean check(Attempt a, Supplier<FormDefinition> findForm) {
        try {
            a.form = findForm.get();
            cors.check(a.ex, a.form);
            throttle.check(a.ex, a.form, a.client);
            String mediaType = BodyReader.checkMediaType(a.ex);
            a.body = bodies.read(a.ex, mediaType, a.form.maxBodyBytes());
            if (spam.honeypotTripped(a.form, a.body)) {
                answers.success(a.ex, a.form, spam.decoyReceipt(a.form, ids.next()), null);
                a.ended(SubmissionOutcome.SPAM, a.ex.status());
                return false;
            }
            spam.checkCaptcha(a.form, a.body, a.client);
            a.doc = document(a.form, a.body);
            List<FieldError> errors = a.form.validator().validate(a.doc);
            if (!errors.isEmpty()) throw GateException.invalid(errors);
            return true;
        } catch (GateException e) {
            refused(a, e);
            return false;
        }
    }

    /** Stores a submission that passed {@link #check} (durably, then delivered within the deadline) and answers. */
    void store(Attempt a) {
        try {
            Receipt receipt = dispatcher.submit(submission(a.form, a.doc), dedupKeys(a.ex, a.form, a.body, a.client, a.doc));
            answers.success(a.ex, a.form, receipt, a.body.control("_next"));
            a.stored = Optional.of(receipt.id());
            a.ended(outcome(receipt), a.ex.status());
        } catch (GateException e) {
            refused(a, e);
        } catch (OutboxUnavailableException e) {
            a.ended(SubmissionOutcome.UNAVAILABLE, 503);
            answers.refuse(a.ex, e);
        }
    }

    /** Tells the observers how the attempt ended: once, whatever ended it (an unexpected exception is an error). */
    void finish(Attempt a) {
        events.finished(new SubmissionEvent(a.ex.requestId(), Optional.ofNullable(a.form).map(FormDefinition::name),
                a.outcome, a.stored, a.status, Duration.ofNanos(System.nanoTime() - a.started), a.client));
    }

    private void refused(Attempt a, GateException e) {
        // answered here, not thrown on to the caller: the two throws saved were 1 to 2 % of a refusal's CPU
        GateException refusal = a.form == null || e.form().isPresent() ? e : e.on(a.form);
        a.ended(SubmissionOutcome.of(refusal), refusal.status());
        answers.failure(a.ex, refusal);
    }

    /**
     * One submission attempt, from its first check to the event that tells how it ended. {@link #check} and
     * {@link #store} may run on different threads, one after the other (SubmitRoutes).
     */
    static final class Attempt {
        private final Exchange ex;
        private final long started = System.nanoTime(); // a measurement only: no decision depends on it
        private final String client;
        private FormDefinition form;
        private Body body;
        private ObjectNode doc;
        private SubmissionOutcome outcome = SubmissionOutcome.ERROR;
        private Optional<String> stored = Optional.empty();
        private int status = 500;

        private Attempt(Exchange ex, String client) {
            this.ex = ex;
            this.client = client;
        }

        private void ended(SubmissionOutcome how, int answered) {
            outcome = how;
            status = answered;
        }
    }

    private static SubmissionOutcome outcome(Receipt receipt) {
        if (receipt.duplicate()) return SubmissionOutcome.DUPLICATE;
        return receipt.outcome() == Outcome.DELIVERED ? SubmissionOutcome.DELIVERED
                : receipt.outcome() == Outcome.HELD ? SubmissionOutcome.HELD : SubmissionOutcome.QUEUED;
    }

    /** The document the schema sees: form strings coerced, honeypot and control fields removed. */
    static ObjectNode document(FormDefinition form, Body body) {
        ObjectNode doc = body instanceof Body.Fields f
                ? form.coercer().coerce(f.values())
                : ((Body.Json) body).document();
        doc.remove(form.honeypot());
        List<String> control = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(n -> {
            if (Coercer.isControlField(n)) control.add(n);
        });
        doc.remove(control);
        return doc;
    }

    private Submission submission(FormDefinition form, ObjectNode doc) {
        return new Submission(ids.next(), form.name(), form.contentType(), doc, clock.instant());
    }

    private List<DedupKey> dedupKeys(Exchange ex, FormDefinition form, Body body, String client, ObjectNode doc) {
        Instant now = clock.instant();
        String key = ex.header("Idempotency-Key");
        if (key == null) key = body.control("_idempotency_key");
        if (key != null) {
            if (key.isBlank() || key.length() > 200) {
                throw GateException.of(400, "bad-idempotency-key", "Bad Idempotency-Key",
                        "An Idempotency-Key must be 1 to 200 characters.");
            }
            return List.of(new DedupKey("idem:" + form.name() + ":" + key, now.minus(dev.formgate.config.Settings.IDEMPOTENCY_WINDOW)));
        }
        if (doubleSubmitWindow.isZero()) return List.of();
        String fingerprint = Fingerprint.of(form.name(), client, new String(Json.bytes(json, doc), StandardCharsets.UTF_8));
        return List.of(new DedupKey("dup:" + fingerprint, now.minus(doubleSubmitWindow)));
    }
}
