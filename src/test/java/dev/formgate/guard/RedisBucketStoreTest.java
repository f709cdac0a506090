package dev.formgate.guard;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the real Redis at 127.0.0.1:6379; skipped when it is absent unless CI is set, then it fails. */
class RedisBucketStoreTest {
    private static final String REDIS_URL = "redis://127.0.0.1:6379";
    private static final String PREFIX = RedisBucketStore.KEY_PREFIX + "test-" + UUID.randomUUID() + ":";
    private static final RateLimits LIMITS = new RateLimits(RateSpec.parseList("3/1m"), RateSpec.parseList("none"));

    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;

    private final TestClock clock = new TestClock(java.time.Instant.parse("2025-06-01T12:00:00Z"));
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void connect() {
        admin = RedisClient.create(RedisURI.create(REDIS_URL));
        admin.setDefaultTimeout(Duration.ofSeconds(2));
        try {
            adminConnection = admin.connect();
            adminConnection.sync().ping();
        } catch (RuntimeException e) {
            admin.shutdown();
            admin = null;
            boolean ci = System.getenv("CI") != null;
            if (ci) {
                throw new AssertionError("Redis must be running at " + REDIS_URL + " when CI is set", e);
            }
            assumeTrue(false, "Redis not reachable at " + REDIS_URL + " (start it, or set CI to make this a failure)");
        }
    }

    @AfterAll
    static void cleanUp() {
        if (admin == null) {
            return;
        }
        var keys = ScanIterator.scan(adminConnection.sync(), ScanArgs.Builder.matches(PREFIX + "*").limit(500));
        List<String> found = new ArrayList<>();
        keys.forEachRemaining(found::add);
        if (!found.isEmpty()) {
            adminConnection.sync().del(found.toArray(String[]::new));
        }
        adminConnection.close();
        admin.shutdown();
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private RedisBucketStore store(String url, boolean failClosed) {
        RedisBucketStore store = new RedisBucketStore(url, failClosed, clock, PREFIX);
        toClose.add(store);
        return store;
    }

    @Test
    void two_instances_sharing_one_redis_allow_one_allowance_in_total() {
        String form = "shared-" + UUID.randomUUID();
        RateLimiter first = new RateLimiter(store(REDIS_URL, false), f -> LIMITS);
        RateLimiter second = new RateLimiter(store(REDIS_URL, false), f -> LIMITS);

        int allowed = 0;
        RateDecision last = null;
        for (int i = 0; i < 10; i++) {
            last = (i % 2 == 0 ? first : second).check(form, "198.51.100.1");
            allowed += last instanceof RateDecision.Allowed ? 1 : 0;
        }

        assertEquals(3, allowed);
        var limited = assertInstanceOf(RateDecision.Limited.class, last);
        assertEquals(Duration.ofMinutes(1), limited.retryAfter());
    }

    @Test
    void shared_buckets_refill_when_the_clock_reaches_the_end_of_the_window() {
        String form = "refill-" + UUID.randomUUID();
        RateLimiter limiter = new RateLimiter(store(REDIS_URL, false), f -> LIMITS);
        for (int i = 0; i < 3; i++) {
            limiter.check(form, "a");
        }
        assertInstanceOf(RateDecision.Limited.class, limiter.check(form, "a"));

        clock.advance(Duration.ofMinutes(1));

        assertEquals(2, assertInstanceOf(RateDecision.Allowed.class, limiter.check(form, "a")).remaining());
    }

    @Test
    void keys_are_prefixed_and_expire_instead_of_living_forever() {
        String form = "ttl-" + UUID.randomUUID();
        new RateLimiter(store(REDIS_URL, false), f -> LIMITS).check(form, "a");

        String key = PREFIX + form + "|a";
        long ttlMillis = adminConnection.sync().pttl(key);

        assertEquals(1, adminConnection.sync().exists(key));
        assertTrue(ttlMillis > 0 && ttlMillis <= Duration.ofMinutes(2).toMillis(), "pttl " + ttlMillis);
    }

    @Test
    void unreachable_redis_fails_open_by_default_and_counts_failures() {
        RedisBucketStore store = store("redis://127.0.0.1:1", false);
        RateLimiter limiter = new RateLimiter(store, f -> LIMITS);

        List<RateDecision> decisions = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 5; i++) {
                decisions.add(limiter.check("contact", "a"));
            }
        });

        decisions.forEach(d -> assertInstanceOf(RateDecision.Allowed.class, d));
        assertEquals(5, store.failures());
    }

    @Test
    void unreachable_redis_fails_closed_for_one_second_when_asked_to() {
        RedisBucketStore store = store("redis://127.0.0.1:1", true);
        RateLimiter limiter = new RateLimiter(store, f -> LIMITS);

        RateDecision decision = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> limiter.check("contact", "a"));

        var limited = assertInstanceOf(RateDecision.Limited.class, decision);
        assertEquals(Duration.ofSeconds(1), limited.retryAfter());
        assertEquals(1, store.failures());
    }

    @Test
    void a_redis_that_accepts_but_never_answers_does_not_stall_requests() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisBucketStore store = store("redis://127.0.0.1:" + silent.getLocalPort(), false);
            RateLimiter limiter = new RateLimiter(store, f -> LIMITS);

            RateDecision decision = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> limiter.check("contact", "a"));

            assertInstanceOf(RateDecision.Allowed.class, decision);
            assertEquals(1, store.failures());
        }
    }
}
