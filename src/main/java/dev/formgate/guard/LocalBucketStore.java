package dev.formgate.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Token buckets held in this process, in a bounded Caffeine cache so a flood of spoofed clients cannot exhaust memory.
 *
 * <p>At most {@code maxClients} buckets are kept (least useful evicted first). A bucket idle for
 * {@code idleExpiry}, or for its longest window if that is longer, is dropped: after its longest window
 * it would be full again anyway, so expiry never hands out extra requests. Eviction by size can.
 */
public final class LocalBucketStore implements BucketStore {
    private final Cache<String, Entry> buckets;
    private final TimeMeter timeMeter;

    /** A store on the system clock. */
    public LocalBucketStore(long maxClients, Duration idleExpiry) {
        this(maxClients, idleExpiry, Clock.systemUTC());
    }

    /** A store whose buckets and expiry follow {@code clock} (tests pass a mutable clock). */
    public LocalBucketStore(long maxClients, Duration idleExpiry, Clock clock) {
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        Objects.requireNonNull(clock, "clock");
        if (maxClients <= 0) {
            throw new IllegalArgumentException("maxClients must be > 0");
        }
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry must be > 0");
        }
        this.timeMeter = new ClockTimeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfter(new IdleExpiry(idleExpiry.toNanos()))
                .ticker(timeMeter::currentTimeNanos)
                .executor(Runnable::run) // evict on the caller's thread: bounded and deterministic
                .build();
    }

    @Override
    public BucketProbe tryTake(String key, List<RateSpec> limits) {
        return Buckets.tryTake(bucket(key, limits), limits);
    }

    @Override
    public void giveBack(String key, List<RateSpec> limits) {
        Entry entry = buckets.getIfPresent(key);
        if (entry != null) {
            entry.bucket().addTokens(1);
        }
    }

    /** Number of buckets held now. */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
        buckets.cleanUp();
    }

    private Bucket bucket(String key, List<RateSpec> limits) {
        Objects.requireNonNull(key, "key");
        return buckets.get(key, k -> new Entry(
                Buckets.local(limits, timeMeter),
                Buckets.longestWindow(limits).toNanos())).bucket();
    }

    private record Entry(Bucket bucket, long windowNanos) {
    }

    private static final class IdleExpiry implements Expiry<String, Entry> {
        private final long idleNanos;

        IdleExpiry(long idleNanos) {
            this.idleNanos = idleNanos;
        }

        private long ttl(Entry entry) {
            return Math.max(idleNanos, entry.windowNanos());
        }

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return ttl(entry);
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return ttl(entry);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return ttl(entry);
        }
    }
}
