package dev.formgate.guard;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets shared by every FormGate instance through Redis (Bucket4j's Lettuce compare-and-swap integration).
 *
 * <p>Keys are {@code formgate:rl:<bucket key>} and expire once the bucket would be full again (plus a
 * little), so idle clients leave nothing behind. Connect and command timeouts are short ({@value #TIMEOUT_MILLIS}
 * ms) and a failed connect is not retried for a second, so a dead Redis does not stall requests. While Redis
 * cannot be reached every check is answered without it: allowed (fail open, the default) or refused for one
 * second (fail closed); each such answer is counted in {@link #failures()} and logged at most once a minute.
 *
 * <p>A bucket's limits are fixed when its key is created: a changed limit applies to a key once it expires.
 */
public final class RedisBucketStore implements BucketStore {
    static final long TIMEOUT_MILLIS = 300;
    public static final String KEY_PREFIX = "formgate:rl:";
    private static final Logger LOG = LoggerFactory.getLogger(RedisBucketStore.class);
    private static final Duration TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);
    private static final long LOG_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final boolean failClosed;
    private final Clock clock;
    private final String keyPrefix;
    private final TimeMeter timeMeter;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong nextLogMillis = new AtomicLong(Long.MIN_VALUE);
    private final Object lock = new Object();
    private volatile ProxyManager<String> proxies;
    private StatefulRedisConnection<String, byte[]> connection;
    private Instant nextConnect = Instant.MIN;
    private boolean closed;

    /** A store on {@code redisUrl} (e.g. {@code redis://host:6379}); connects on first use, never in the constructor. */
    public RedisBucketStore(String redisUrl, boolean failClosed, Clock clock) {
        this(redisUrl, failClosed, clock, KEY_PREFIX);
    }

    /** As above with a key prefix that must start with {@value #KEY_PREFIX} (tests isolate their keys). */
    public RedisBucketStore(String redisUrl, boolean failClosed, Clock clock, String keyPrefix) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!keyPrefix.startsWith(KEY_PREFIX)) {
            throw new IllegalArgumentException("key prefix must start with " + KEY_PREFIX);
        }
        this.failClosed = failClosed;
        this.timeMeter = new ClockTimeMeter(clock);
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build());
    }

    @Override
    public boolean waitsOnNetwork() {
        return true;
    }

    @Override
    public BucketProbe tryTake(String key, List<RateSpec> limits) {
        Objects.requireNonNull(key, "key");
        try {
            var bucket = proxies().builder().build(keyPrefix + key, () -> Buckets.configuration(limits));
            return Buckets.tryTake(bucket, limits);
        } catch (RuntimeException e) {
            return unreachable(limits, e);
        }
    }

    @Override
    public void giveBack(String key, List<RateSpec> limits) {
        try {
            proxies().builder().build(keyPrefix + key, () -> Buckets.configuration(limits)).addTokens(1);
        } catch (RuntimeException e) {
            // Best effort: a lost refund costs one request of allowance, not correctness.
        }
    }

    /** How many checks were answered without Redis because it could not be reached. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            proxies = null;
            if (connection != null) {
                connection.close();
            }
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> ready = proxies;
        if (ready != null) {
            return ready;
        }
        synchronized (lock) {
            if (proxies != null) {
                return proxies;
            }
            if (closed) {
                throw new IllegalStateException("Redis bucket store is closed");
            }
            Instant now = clock.instant();
            if (now.isBefore(nextConnect)) {
                throw new IllegalStateException("Redis was unreachable moments ago; not retrying yet");
            }
            nextConnect = now.plus(RECONNECT_AFTER);
            connection = client.connect(CODEC);
            proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                    .clientClock(timeMeter)
                    .requestTimeout(TIMEOUT)
                    .build();
            return proxies;
        }
    }

    private BucketProbe unreachable(List<RateSpec> limits, RuntimeException e) {
        long count = failures.incrementAndGet();
        logAtMostOncePerMinute(count, e);
        RateSpec smallest = limits.stream().min(Comparator.comparingLong(RateSpec::tokens)).orElseThrow();
        if (failClosed) {
            return new BucketProbe(false, 0, smallest, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
        return new BucketProbe(true, smallest.tokens() - 1, smallest, Duration.ZERO, smallest.period());
    }

    private void logAtMostOncePerMinute(long count, RuntimeException e) {
        long now = clock.millis();
        long next = nextLogMillis.get();
        if (now >= next && nextLogMillis.compareAndSet(next, now + LOG_EVERY_MILLIS)) {
            // The exception text names host and port only; the URL (which may hold a password) is never logged.
            LOG.warn("Redis rate-limit store unreachable ({} failed checks so far), failing {}: {}: {}",
                    count, failClosed ? "closed" : "open", e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
