package dev.formgate.guard;

import java.util.List;
import java.util.Objects;

/**
 * The rate limits of one form: per client (each client's own allowance) and per form (all clients together).
 *
 * <p>An empty list means no limit of that kind.
 */
public record RateLimits(List<RateSpec> perClient, List<RateSpec> perForm) {
    public RateLimits {
        perClient = List.copyOf(Objects.requireNonNull(perClient, "perClient"));
        perForm = List.copyOf(Objects.requireNonNull(perForm, "perForm"));
    }

    /** No limits at all. */
    public static RateLimits none() {
        return new RateLimits(List.of(), List.of());
    }
}
