package dev.formgate.guard;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import java.time.Duration;
import java.util.List;

/** Translation between our {@link RateSpec}s and Bucket4j buckets; shared by both stores. */
final class Buckets {
    private Buckets() {
    }

    /** One bandwidth per spec: N tokens, all refilled at once every window ("5/1m" is exactly 5 a minute). */
    static BucketConfiguration configuration(List<RateSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a bucket needs at least one limit");
        }
        var builder = BucketConfiguration.builder();
        for (RateSpec spec : specs) {
            builder.addLimit(Bandwidth.builder()
                    .capacity(spec.tokens())
                    .refillIntervally(spec.tokens(), spec.period())
                    .build());
        }
        return builder.build();
    }

    /** A bucket in this process on the given time source. */
    static Bucket local(List<RateSpec> specs, TimeMeter timeMeter) {
        var builder = Bucket.builder().withCustomTimePrecision(timeMeter);
        for (Bandwidth bandwidth : configuration(specs).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    /** Takes one token and reports which limit is tightest (with one limit, without copying the bucket's state). */
    static BucketProbe tryTake(Bucket bucket, List<RateSpec> specs) {
        if (specs.size() == 1) {
            return probe(bucket.tryConsumeAndReturnRemaining(1), specs.get(0));
        }
        VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
        return probe(result.getValue(), tightest(result.getState(), specs));
    }

    private static BucketProbe probe(ConsumptionProbe probe, RateSpec tightest) {
        return new BucketProbe(probe.isConsumed(), probe.getRemainingTokens(), tightest,
                Duration.ofNanos(probe.getNanosToWaitForRefill()), Duration.ofNanos(probe.getNanosToWaitForReset()));
    }

    /** Fewest tokens left wins; on a tie (e.g. several empty) the longer window, which keeps the client out longest. */
    private static RateSpec tightest(BucketState state, List<RateSpec> specs) {
        int best = 0;
        for (int i = 1; i < specs.size(); i++) {
            long size = Math.max(state.getCurrentSize(i), 0);
            long bestSize = Math.max(state.getCurrentSize(best), 0);
            if (size < bestSize || size == bestSize && specs.get(i).period().compareTo(specs.get(best).period()) > 0) {
                best = i;
            }
        }
        return specs.get(best);
    }

    /** The longest window: after that long without use a bucket is full again and may be forgotten. */
    static Duration longestWindow(List<RateSpec> specs) {
        return specs.stream().map(RateSpec::period).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
