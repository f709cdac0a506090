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
        long started = System.nanoTime(); // a measurement only: no decision depends on it
        String client = identity.clientKey(ex.remoteAddress(), ex::header);
        FormDefinition form = null;
        SubmissionOutcome outcome = SubmissionOutcome.ERROR;
        Optional<String> stored = Optional.empty();
        int status = 500;
        try {
            form = findForm.get();
            Optional<Receipt> receipt = run(ex, form, client);
            outcome = receipt.map(SubmitHandler::outcome).orElse(SubmissionOutcome.SPAM);
            stored = receipt.map(Receipt::id);
            status = ex.status();
        } catch (GateException e) {
            // answered here, not thrown on to the caller: the two throws saved were 1 to 2 % of a refusal's CPU
            GateException refusal = form == null || e.form().isPresent() ? e : e.on(form);
            outcome = SubmissionOutcome.of(refusal);
            status = refusal.status();
            answers.failure(ex, refusal);
        } catch (OutboxUnavailableException e) {
            outcome = SubmissionOutcome.UNAVAILABLE;
            status = 503;
            answers.refuse(ex, e);
        } finally {
            events.finished(new SubmissionEvent(ex.requestId(), Optional.ofNullable(form).map(FormDefinition::name),
                    outcome, stored, status, Duration.ofNanos(System.nanoTime() - started), client));
        }
    }

    /** The pipeline proper; the receipt of what was stored, or empty for a dropped spam post. */
    private Optional<Receipt> run(Exchange ex, FormDefinition form, String client) {
        cors.check(ex, form);
        throttle.check(ex, form, client);
        String mediaType = BodyReader.checkMediaType(ex);
        Body body = bodies.read(ex, mediaType, form.maxBodyBytes());
        if (spam.honeypotTripped(form, body)) {
            answers.success(ex, form, spam.decoyReceipt(form, ids.next()), null);
            return Optional.empty();
        }
        spam.checkCaptcha(form, body, client);
        ObjectNode doc = document(form, body);
        List<FieldError> errors = form.validator().validate(doc);
        if (!errors.isEmpty()) throw GateException.invalid(errors);
        Receipt receipt = dispatcher.submit(submission(form, doc), dedupKeys(ex, form, body, client, doc));
        answers.success(ex, form, receipt, body.control("_next"));
        return Optional.of(receipt);
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
