package dev.formgate.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A submission as the outbox holds it, with its delivery state.
 *
 * <p>{@code attempts} counts failed attempts (retries and the final give-up); a delivery on the
 * first try leaves it at 0. {@code lastError} is null until an attempt fails.
 */
public record StoredSubmission(Submission submission, State state, int attempts, Instant nextAttemptAt, String lastError) {
    public StoredSubmission {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** The submission id, for brevity. */
    public String id() {
        return submission.id();
    }
}
