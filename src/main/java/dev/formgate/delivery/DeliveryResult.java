package dev.formgate.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt to a CMS came to: delivered, worth retrying, or refused for good.
 *
 * <p>Reasons name fields, statuses and content types, never submitted values or keys.
 */
public sealed interface DeliveryResult permits DeliveryResult.Delivered, DeliveryResult.Retry, DeliveryResult.GiveUp {

    /** The CMS holds the entry (now, or from an earlier attempt with the same id). */
    record Delivered() implements DeliveryResult {}

    /** A passing problem (outage, timeout, rate limit); try again later, not before {@code retryAfter}. */
    record Retry(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** The CMS will never accept this entry as it is; an operator must act. */
    record GiveUp(String reason) implements DeliveryResult {
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
