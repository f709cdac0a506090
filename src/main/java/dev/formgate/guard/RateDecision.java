package dev.formgate.guard;

import java.time.Duration;
import java.util.Objects;

/** The answer of {@link RateLimiter#check}: allowed, or limited with how long to wait. */
public sealed interface RateDecision permits RateDecision.Allowed, RateDecision.Limited {

    /**
     * The request may go on.
     *
     * @param remaining  requests left under the tightest policy ({@link Long#MAX_VALUE} when the form has no limits)
     * @param tightest   the policy with the fewest requests left, null when the form has no limits
     * @param scope      whose bucket {@code tightest} belongs to
     * @param resetAfter time until that allowance is full again (whole seconds, rounded up)
     */
    record Allowed(long remaining, RateSpec tightest, RateScope scope, Duration resetAfter) implements RateDecision {
        public Allowed {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(resetAfter, "resetAfter");
        }

        /** An allowed decision for a per-client policy whose reset is one full window away. */
        public Allowed(long remaining, RateSpec tightest) {
            this(remaining, tightest, RateScope.PER_CLIENT, tightest == null ? Duration.ZERO : tightest.period());
        }
    }

    /**
     * The request is refused (HTTP 429).
     *
     * @param retryAfter whole seconds, rounded up, at least one: the value for {@code Retry-After}
     * @param policy     the exhausted policy
     * @param scope      whose bucket is empty
     */
    record Limited(Duration retryAfter, RateSpec policy, RateScope scope) implements RateDecision {
        public Limited {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(scope, "scope");
        }

        /** A per-client refusal. */
        public Limited(Duration retryAfter, RateSpec policy) {
            this(retryAfter, policy, RateScope.PER_CLIENT);
        }
    }
}
