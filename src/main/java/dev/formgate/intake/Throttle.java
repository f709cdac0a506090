package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.RateDecision;
import dev.formgate.guard.RateHeaders;
import dev.formgate.guard.RateLimiter;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/** Applies the rate limiter before the body is read and writes the RateLimit headers (429 with Retry-After). */
public final class Throttle {
    private final RateLimiter limiter;

    public Throttle(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    void check(Context ctx, FormDefinition form, String client) {
        RateDecision decision = limiter.check(form.name(), client);
        Map<String, String> headers = RateHeaders.of(decision, form.rateLimits());
        if (decision instanceof RateDecision.Limited limited) {
            throw GateException.of(429, "rate-limited", "Too many submissions",
                            "Please wait " + headers.get(RateHeaders.RETRY_AFTER) + " seconds before submitting again.")
                    .withHeaders(headers).on(form);
        }
        headers.forEach(ctx::header);
    }
}
