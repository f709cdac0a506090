package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import dev.formgate.delivery.OutboxUnavailableException;
import dev.formgate.delivery.Outcome;
import dev.formgate.delivery.Receipt;
import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.FieldError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every answer: JSON or problem+json for JSON clients, 303 redirects or small pages for HTML form posts.
 */
public final class Answers {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final ObjectMapper json;
    private final OriginPolicy origins;
    private final ErrorReturn errorReturn;

    public Answers(ObjectMapper json, OriginPolicy origins) {
        this.json = java.util.Objects.requireNonNull(json, "json");
        this.origins = java.util.Objects.requireNonNull(origins, "origins");
        this.errorReturn = new ErrorReturn(json, origins);
    }

    /** 201 delivered, 202 stored; for HTML posts a 303 to {@code _next} (if allowed) or the success URL, else a thank-you page. */
    void success(Exchange ex, FormDefinition form, Receipt receipt, String next) {
        if (Negotiation.wantsJson(ex)) {
            ObjectNode body = json.createObjectNode()
                    .put("id", receipt.id())
                    .put("status", receipt.outcome() == Outcome.DELIVERED ? "delivered" : "queued");
            ex.status(receipt.outcome() == Outcome.DELIVERED ? 201 : 202).result("application/json", Json.bytes(json, body));
            return;
        }
        Optional<String> target = Optional.ofNullable(next)
                .filter(n -> origins.redirectAllowed(n, form.allowedOrigins()))
                .or(form::successUrl);
        if (target.isPresent()) {
            ex.redirect(target.get());
            return;
        }
        html(ex, 200, Pages.thankYou(form, backLink(ex, form)));
    }

    /**
     * Renders a refusal: problem+json, a 303 back to the site's form (its error URL, or its allowed Referer when
     * the form opts in; see {@link ErrorReturn}), or a built-in page.
     */
    void failure(Exchange ex, GateException e) {
        e.headers().forEach(ex::header);
        if (Negotiation.wantsJson(ex)) {
            ex.status(e.status()).result(PROBLEM_JSON, problem(e));
            return;
        }
        Optional<FormDefinition> form = e.form();
        Optional<String> back = form.filter(f -> e.status() != 404).flatMap(f -> errorReturn.target(ex, f));
        if (back.isPresent()) {
            ex.redirect(errorReturn.url(back.get(), e, form.get(), ex));
            return;
        }
        String link = form.map(f -> backLink(ex, f)).orElse(null);
        html(ex, e.status(), e.status() == 422 ? Pages.invalid(e, link) : Pages.problem(e, link));
    }

    /**
     * Answers whatever ended a request: a refusal as itself, a store that cannot take the write as 503 (retry in 30 s),
     * anything else as 500 with the request id, logged with its stack.
     */
    void refuse(Exchange ex, Exception e) {
        if (e instanceof GateException refusal) {
            failure(ex, refusal);
        } else if (e instanceof OutboxUnavailableException) {
            LOG.error("Outbox unavailable on {} (request {}): {}", ex.path(), ex.requestId(), e.getMessage());
            failure(ex, GateException.of(503, "store-unavailable", "Temporarily unavailable",
                    "The submission could not be stored and was not accepted; please try again shortly.")
                    .withHeaders(Map.of("Retry-After", "30")));
        } else {
            LOG.error("Unexpected error on {} {} (request {})", ex.method(), ex.path(), ex.requestId(), e);
            failure(ex, GateException.of(500, "internal", "Internal error",
                    "Something went wrong on our side; request id " + ex.requestId() + "."));
        }
    }

    /** The problem document (RFC 9457), written straight to bytes: {@code errors} groups each field's problems. */
    byte[] problem(GateException e) {
        return Json.bytes(json, g -> {
            g.writeStartObject();
            g.writeStringField("type", "urn:formgate:problem:" + e.problem());
            g.writeStringField("title", e.title());
            g.writeNumberField("status", e.status());
            g.writeStringField("detail", e.detail());
            if (!e.errors().isEmpty()) {
                g.writeObjectFieldStart("errors");
                for (Map.Entry<String, List<FieldError>> field : byField(e.errors()).entrySet()) {
                    g.writeArrayFieldStart(field.getKey());
                    for (FieldError fe : field.getValue()) {
                        g.writeStartObject();
                        g.writeStringField("code", fe.code());
                        g.writeStringField("message", fe.message());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static Map<String, List<FieldError>> byField(List<FieldError> errors) {
        Map<String, List<FieldError>> fields = new LinkedHashMap<>();
        for (FieldError fe : errors) {
            fields.computeIfAbsent(fe.field(), f -> new ArrayList<>(2)).add(fe);
        }
        return fields;
    }

    private String backLink(Exchange ex, FormDefinition form) {
        String referer = ex.header("Referer");
        return referer != null && origins.redirectAllowed(referer, form.allowedOrigins()) ? referer : null;
    }

    static void html(Exchange ex, int status, String page) {
        ex.status(status).header("Content-Security-Policy", Html.CSP)
                .result(Html.CONTENT_TYPE, page.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
