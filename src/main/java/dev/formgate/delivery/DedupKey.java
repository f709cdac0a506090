package dev.formgate.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A key that marks a submission as a repeat of an earlier one (an idempotency key, a payload hash).
 *
 * <p>It matches only an earlier submission stored at or after {@code notBefore}, so a window of
 * "the same form sent twice within 10 minutes" is {@code new DedupKey(hash, now.minus(10min))}.
 */
public record DedupKey(String key, Instant notBefore) {
    public DedupKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(notBefore, "notBefore");
    }
}
