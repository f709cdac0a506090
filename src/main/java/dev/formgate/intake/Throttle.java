package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.RateDecision;
import dev.formgate.guard.RateHeaders;
import dev.formgate.guard.RateLimiter;
import java.util.Map;
import java.util.Objects;

/** Applies the rate limiter before the body is read and writes the RateLimit headers (429 with Retry-After). */
public final class Throttle {
    private final RateLimiter limiter;

    public Throttle(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** "45 seconds", "about 3 minutes", "about 2 hours": what a visitor can act on. */
    static String waitingTime(long seconds) {
        if (seconds < 90) return seconds == 1 ? "1 second" : seconds + " seconds";
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) return "about " + minutes + " minutes";
        long hours = Math.round(seconds / 3600.0);
        return "about " + hours + (hours == 1 ? " hour" : " hours");
    }

    /** Whether {@link #check} waits on the network (the rate limiter's buckets are in Redis). */
    boolean waitsOnNetwork() {
        return limiter.waitsOnNetwork();
    }

    void check(Exchange ex, FormDefinition form, String client) {
        RateDecision decision = limiter.check(form.name(), client);
        Map<String, String> headers = RateHeaders.of(decision, form.rateLimits());
        if (decision instanceof RateDecision.Limited limited) {
            throw GateException.of(429, "rate-limited", "Too many submissions",
                            "Please wait " + waitingTime(limited.retryAfter().toSeconds()) + " before submitting again.")
                    .withHeaders(headers).on(form);
        }
        headers.forEach(ex::header);
    }
}
