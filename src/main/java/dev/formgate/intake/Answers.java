package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import dev.formgate.delivery.Outcome;
import dev.formgate.delivery.Receipt;
import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.FieldError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes every answer: JSON or problem+json for JSON clients, 303 redirects or small pages for HTML form posts.
 */
public final class Answers {
    static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;
    private final OriginPolicy origins;
    private final ErrorReturn errorReturn;

    public Answers(ObjectMapper json, OriginPolicy origins) {
        this.json = java.util.Objects.requireNonNull(json, "json");
        this.origins = java.util.Objects.requireNonNull(origins, "origins");
        this.errorReturn = new ErrorReturn(json, origins);
    }

    /** 201 delivered, 202 stored; for HTML posts a 303 to {@code _next} (if allowed) or the success URL, else a thank-you page. */
    void success(Context ctx, FormDefinition form, Receipt receipt, String next) {
        if (Negotiation.wantsJson(ctx)) {
            ObjectNode body = json.createObjectNode()
                    .put("id", receipt.id())
                    .put("status", receipt.outcome() == Outcome.DELIVERED ? "delivered" : "queued");
            ctx.status(receipt.outcome() == Outcome.DELIVERED ? 201 : 202)
                    .contentType("application/json").result(Json.bytes(json, body));
            return;
        }
        Optional<String> target = Optional.ofNullable(next)
                .filter(n -> origins.redirectAllowed(n, form.allowedOrigins()))
                .or(form::successUrl);
        if (target.isPresent()) {
            ctx.redirect(target.get(), HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, 200, Pages.thankYou(form, backLink(ctx, form)));
    }

    /**
     * Renders a refusal: problem+json, a 303 back to the site's form (its error URL, or its allowed Referer when
     * the form opts in; see {@link ErrorReturn}), or a built-in page.
     */
    public void failure(Context ctx, GateException e) {
        e.headers().forEach(ctx::header);
        if (Negotiation.wantsJson(ctx)) {
            ctx.status(e.status()).contentType(PROBLEM_JSON).result(problem(e));
            return;
        }
        Optional<FormDefinition> form = e.form();
        Optional<String> back = form.filter(f -> e.status() != 404).flatMap(f -> errorReturn.target(ctx, f));
        if (back.isPresent()) {
            ctx.redirect(errorReturn.url(back.get(), e, form.get(), ctx), HttpStatus.SEE_OTHER);
            return;
        }
        String link = form.map(f -> backLink(ctx, f)).orElse(null);
        html(ctx, e.status(), e.status() == 422 ? Pages.invalid(e, link) : Pages.problem(e, link));
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

    private String backLink(Context ctx, FormDefinition form) {
        String referer = ctx.header("Referer");
        return referer != null && origins.redirectAllowed(referer, form.allowedOrigins()) ? referer : null;
    }

    static void html(Context ctx, int status, String page) {
        ctx.status(status).contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", Html.CSP)
                .result(page);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
