package dev.formgate.guard;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides whether a submission may go on under its form's per-client and per-form limits.
 *
 * <p>The per-client bucket is keyed {@code form + "|" + clientKey}, the per-form bucket {@code form}.
 * The client's bucket is tried first: a client over its own allowance costs the form nothing. When the
 * form's bucket is empty the client's token is given back, so a flood by others does not eat into it.
 */
public final class RateLimiter {
    private final BucketStore store;
    private final Function<String, RateLimits> limitsForForm;

    public RateLimiter(BucketStore store, Function<String, RateLimits> limitsForForm) {
        this.store = Objects.requireNonNull(store, "store");
        this.limitsForForm = Objects.requireNonNull(limitsForForm, "limitsForForm");
    }

    /** Whether {@link #check} waits on the network (the buckets are in Redis). */
    public boolean waitsOnNetwork() {
        return store.waitsOnNetwork();
    }

    /**
     * Consumes one token from the per-form bucket and the per-client-per-form bucket; Limited if either is empty
     * (do not consume from the per-form one if the client one is empty).
     */
    public RateDecision check(String form, String clientKey) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(clientKey, "clientKey");
        RateLimits limits = Objects.requireNonNull(limitsForForm.apply(form), "limits for form " + form);
        String clientBucket = form + "|" + clientKey;

        BucketProbe client = null;
        if (!limits.perClient().isEmpty()) {
            client = store.tryTake(clientBucket, limits.perClient());
            if (!client.consumed()) {
                return limited(client, RateScope.PER_CLIENT);
            }
        }
        BucketProbe whole = null;
        if (!limits.perForm().isEmpty()) {
            whole = store.tryTake(form, limits.perForm());
            if (!whole.consumed()) {
                if (client != null) {
                    store.giveBack(clientBucket, limits.perClient());
                }
                return limited(whole, RateScope.PER_FORM);
            }
        }
        return allowed(client, whole);
    }

    private static RateDecision limited(BucketProbe probe, RateScope scope) {
        return new RateDecision.Limited(roundUpSeconds(probe.untilRefill()), probe.tightest(), scope);
    }

    private static RateDecision allowed(BucketProbe client, BucketProbe whole) {
        if (client == null && whole == null) {
            return new RateDecision.Allowed(Long.MAX_VALUE, null, RateScope.PER_CLIENT, Duration.ZERO);
        }
        boolean formIsTighter = client == null || whole != null && whole.remaining() < client.remaining();
        BucketProbe tightest = formIsTighter ? whole : client;
        RateScope scope = formIsTighter ? RateScope.PER_FORM : RateScope.PER_CLIENT;
        // untilReset is for the whole bucket (its longest window); the tightest window resets within its own period
        Duration reset = tightest.untilReset().compareTo(tightest.tightest().period()) < 0
                ? tightest.untilReset() : tightest.tightest().period();
        return new RateDecision.Allowed(tightest.remaining(), tightest.tightest(), scope, roundUpSeconds(reset));
    }

    /** Whole seconds, rounded up, at least one: what Retry-After and RateLimit's t can carry. */
    static Duration roundUpSeconds(Duration d) {
        long seconds = d.toSeconds();
        if (!d.minusSeconds(seconds).isZero()) {
            seconds++;
        }
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
