package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.OriginPolicy;
import java.util.Objects;

/**
 * Origin checks and CORS headers: only allowed origins may preflight or post, and they are echoed, never {@code *}.
 */
public final class Cors {
    /**
     * X-AUTH-TOKEN is granted so browser code written against Flotiq's create call passes its preflight unchanged;
     * its value is ignored and never forwarded (FormGate sends its own key).
     */
    static final String ALLOWED_HEADERS = "Content-Type, Accept, Idempotency-Key, X-Request-Id, X-AUTH-TOKEN";
    static final String MAX_AGE = "600";

    private final OriginPolicy origins;

    public Cors(OriginPolicy origins) {
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    /** Refuses a post from a foreign origin (403), or without one when the form requires it; echoes an allowed one. */
    void check(Exchange ex, FormDefinition form) {
        ex.header("Vary", "Origin");
        String origin = ex.header("Origin");
        if (origin == null) {
            if (form.requireOrigin()) {
                throw GateException.of(403, "origin-required", "Origin required",
                        "This form only accepts posts from its own site's pages.").on(form);
            }
            return;
        }
        if (!origins.allowed(origin, form.allowedOrigins())) {
            throw GateException.of(403, "forbidden-origin", "Origin not allowed",
                    "This form does not accept posts from " + origin + ".").on(form);
        }
        ex.header("Access-Control-Allow-Origin", origin);
    }

    /** Answers a preflight: 204 with the grants for an allowed origin, 403 without any for others. */
    void preflight(Exchange ex, FormDefinition form) {
        ex.header("Vary", "Origin");
        String origin = ex.header("Origin");
        if (origin == null || !origins.allowed(origin, form.allowedOrigins())) {
            ex.status(403);
            return;
        }
        ex.header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "POST")
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Expose-Headers", "Retry-After, RateLimit, RateLimit-Policy, X-Request-Id")
                .header("Access-Control-Max-Age", MAX_AGE)
                .status(204);
    }
}
