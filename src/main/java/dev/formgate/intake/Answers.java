package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final OriginPolicy origins;
    private final ErrorReturn errorReturn;

    public Answers(ObjectMapper json, OriginPolicy origins) {
        this.origins = java.util.Objects.requireNonNull(origins, "origins");
        this.errorReturn = new ErrorReturn(java.util.Objects.requireNonNull(json, "json"), origins);
    }

    /** 201 delivered, 202 stored; for HTML posts a 303 to {@code _next} (if allowed) or the success URL, else a thank-you page. */
    void success(Exchange ex, FormDefinition form, Receipt receipt, String next) {
        if (Negotiation.wantsJson(ex)) {
            boolean delivered = receipt.outcome() == Outcome.DELIVERED;
            byte[] body = new Json.Text().raw("{\"id\":").string(receipt.id())
                    .raw(delivered ? ",\"status\":\"delivered\"}" : ",\"status\":\"queued\"}").bytes();
            ex.status(delivered ? 201 : 202).result("application/json", body);
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
        Json.Text t = new Json.Text()
                .raw("{\"type\":").string("urn:formgate:problem:" + e.problem())
                .raw(",\"title\":").string(e.title())
                .raw(",\"status\":").number(e.status())
                .raw(",\"detail\":").string(e.detail());
        if (!e.errors().isEmpty()) {
            t.raw(",\"errors\":{");
            String fieldSeparator = "";
            for (Map.Entry<String, List<FieldError>> field : byField(e.errors()).entrySet()) {
                t.raw(fieldSeparator).string(field.getKey()).raw(":[");
                String errorSeparator = "";
                for (FieldError fe : field.getValue()) {
                    t.raw(errorSeparator).raw("{\"code\":").string(fe.code()).raw(",\"message\":").string(fe.message())
                            .raw("}");
                    errorSeparator = ",";
                }
                t.raw("]");
                fieldSeparator = ",";
            }
            t.raw("}");
        }
        return t.raw("}").bytes();
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
