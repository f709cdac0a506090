package dev.formgate.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link BucketStore} saw when it tried to take one token from a bucket.
 *
 * @param consumed     whether the token was taken
 * @param remaining    tokens left under the tightest limit after the attempt
 * @param tightest     the limit with the fewest tokens left (when refused: the exhausted limit)
 * @param untilRefill  when refused, how long until a token can be taken (Bucket4j's own refill time)
 * @param untilReset   how long until the bucket is full again
 */
public record BucketProbe(boolean consumed, long remaining, RateSpec tightest, Duration untilRefill, Duration untilReset) {
    public BucketProbe {
        Objects.requireNonNull(tightest, "tightest");
        Objects.requireNonNull(untilRefill, "untilRefill");
        Objects.requireNonNull(untilReset, "untilReset");
    }
}
