package dev.formgate.guard;

import java.util.List;
import java.util.Objects;

/**
 * The rate limits of one form: per client (each client's own allowance) and per form (all clients together).
 *
 * <p>An empty list means no limit of that kind. The {@code RateLimit-Policy} header that describes them is made
 * once, here, rather than on every request that carries it.
 */
public final class RateLimits {
    private final List<RateSpec> perClient;
    private final List<RateSpec> perForm;
    private final String policy;

    public RateLimits(List<RateSpec> perClient, List<RateSpec> perForm) {
        this.perClient = List.copyOf(Objects.requireNonNull(perClient, "perClient"));
        this.perForm = List.copyOf(Objects.requireNonNull(perForm, "perForm"));
        this.policy = RateHeaders.policy(this);
    }

    /** No limits at all. */
    public static RateLimits none() {
        return new RateLimits(List.of(), List.of());
    }

    public List<RateSpec> perClient() {
        return perClient;
    }

    public List<RateSpec> perForm() {
        return perForm;
    }

    /** The {@code RateLimit-Policy} value listing every limit, or "" when there are none. */
    String policy() {
        return policy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimits other && perClient.equals(other.perClient) && perForm.equals(other.perForm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(perClient, perForm);
    }

    @Override
    public String toString() {
        return "RateLimits[perClient=" + perClient + ", perForm=" + perForm + "]";
    }
}
