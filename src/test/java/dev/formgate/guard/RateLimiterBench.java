package dev.formgate.guard;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one rate-limit decision (per client and per form) on the bounded local store (100 000 clients kept),
 * with client keys (built per call, as for each request) drawn at random from a population larger or smaller than the store, from several threads.
 *
 * <p>{@code clients=10000}: every client stays in the store (hits); {@code clients=1000000}: most keys were
 * evicted or never seen (misses: a bucket is created and the cache evicts). Not a unit test; see bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx96m", "-XX:+UseSerialGC"})
public class RateLimiterBench {
    @Param({"10000", "1000000"})
    public int clients;

    private LocalBucketStore store;
    private RateLimiter limiter;

    @Setup(Level.Trial)
    public void setUp() {
        RateLimits limits = new RateLimits(RateSpec.parseList("5/1m,30/1h"), RateSpec.parseList("1000000000/1m"));
        store = new LocalBucketStore(100_000, Duration.ofHours(2));
        limiter = new RateLimiter(store, form -> limits);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /** Per-thread random source, so threads do not contend on it. */
    @State(Scope.Thread)
    public static class Dice {
        final SplittableRandom random = new SplittableRandom();
    }

    @Benchmark
    public RateDecision check(Dice dice) {
        int i = dice.random.nextInt(clients);
        // a new key string per call, as ClientIdentity makes one per request for an IPv4 peer
        String client = (10 + (i >>> 24)) + "." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
        return limiter.check("contact-form", client);
    }
}
