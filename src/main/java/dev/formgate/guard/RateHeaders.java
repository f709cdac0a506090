package dev.formgate.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds rate-limit response headers in the IETF httpapi-ratelimit-headers draft format (draft-09 and later).
 *
 * <p>Each configured limit is one named policy: the name is the scope and the window, "perclient-1m" or
 * "perform-1h"; {@code q} is the allowance and {@code w} the window in seconds.
 * <pre>
 * RateLimit-Policy: "perclient-1m";q=5;w=60, "perform-1h";q=100;w=3600
 * RateLimit: "perclient-1m";r=4;t=60
 * Retry-After: 60                      (Limited only)
 * </pre>
 * {@code RateLimit} reports only the tightest policy: {@code r} requests left and {@code t} whole seconds
 * until that allowance is full again. A form with no limits gets no headers.
 */
public final class RateHeaders {
    public static final String POLICY = "RateLimit-Policy";
    public static final String RATE_LIMIT = "RateLimit";
    public static final String RETRY_AFTER = "Retry-After";

    private RateHeaders() {
    }

    /** All headers for a decision, in a stable order; empty when the form has no limits. */
    public static Map<String, String> of(RateDecision decision, RateLimits limits) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(limits, "limits");
        Map<String, String> headers = new LinkedHashMap<>();
        String policy = limits.policy();
        if (!policy.isEmpty()) {
            headers.put(POLICY, policy);
        }
        String rateLimit = rateLimit(decision);
        if (!rateLimit.isEmpty()) {
            headers.put(RATE_LIMIT, rateLimit);
        }
        if (decision instanceof RateDecision.Limited limited) {
            headers.put(RETRY_AFTER, retryAfter(limited));
        }
        return headers;
    }

    /**
     * The {@code RateLimit-Policy} value listing every limit of the form, or "" when there are none; made once per
     * form ({@link RateLimits#policy()}).
     */
    static String policy(RateLimits limits) {
        List<String> items = new ArrayList<>();
        limits.perClient().forEach(spec -> items.add(policyItem(RateScope.PER_CLIENT, spec)));
        limits.perForm().forEach(spec -> items.add(policyItem(RateScope.PER_FORM, spec)));
        return String.join(", ", items);
    }

    /** The {@code RateLimit} value for the tightest policy of a decision, or "" when the form has no limits. */
    public static String rateLimit(RateDecision decision) {
        if (decision instanceof RateDecision.Limited limited) {
            return item(limited.scope(), limited.policy()) + ";r=0;t=" + seconds(limited.retryAfter());
        }
        RateDecision.Allowed allowed = (RateDecision.Allowed) decision;
        if (allowed.tightest() == null) {
            return "";
        }
        return item(allowed.scope(), allowed.tightest()) + ";r=" + allowed.remaining()
                + ";t=" + seconds(allowed.resetAfter());
    }

    /** The {@code Retry-After} value: whole seconds, at least 1. */
    public static String retryAfter(RateDecision.Limited limited) {
        return Long.toString(Math.max(1, seconds(limited.retryAfter())));
    }

    private static String policyItem(RateScope scope, RateSpec spec) {
        return item(scope, spec) + ";q=" + spec.tokens() + ";w=" + spec.period().toSeconds();
    }

    private static String item(RateScope scope, RateSpec spec) {
        return "\"" + scope.policyName(spec) + "\"";
    }

    private static long seconds(Duration d) {
        long s = d.toSeconds();
        return d.minusSeconds(s).isZero() ? s : s + 1;
    }
}
