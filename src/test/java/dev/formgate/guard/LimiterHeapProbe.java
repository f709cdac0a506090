package dev.formgate.guard;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Drives one million distinct client keys through a {@link RateLimiter} on a bounded {@link LocalBucketStore}
 * and prints the heap used after GC and the store size: evidence that spoofed clients cannot exhaust memory.
 *
 * <p>Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt} then
 * {@code java -Xmx256m -cp "target/classes:target/test-classes:$(cat /tmp/cp.txt)" dev.formgate.guard.LimiterHeapProbe
 * [clients] [maxClients] [perFormLimit]}.
 */
public final class LimiterHeapProbe {
    private LimiterHeapProbe() {
    }

    public static void main(String[] args) {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long maxClients = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        RateLimits limits = new RateLimits(RateSpec.parseList("5/1m,30/1h"), RateSpec.parseList(args.length > 2 ? args[2] : "1000000000/1m"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        long before = usedAfterGc(memory);
        try (LocalBucketStore store = new LocalBucketStore(maxClients, Duration.ofMinutes(10))) {
            RateLimiter limiter = new RateLimiter(store, form -> limits);
            long start = System.nanoTime();
            long allowed = 0;
            for (int i = 0; i < clients; i++) {
                String client = (10 + (i >>> 24)) + "." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
                allowed += limiter.check("contact", client) instanceof RateDecision.Allowed ? 1 : 0;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long after = usedAfterGc(memory);
            System.out.printf("clients=%d maxClients=%d allowed=%d time=%dms%n", clients, maxClients, allowed, millis);
            System.out.printf("heap used after GC: before=%.1f MiB after=%.1f MiB delta=%.1f MiB%n",
                    mib(before), mib(after), mib(after - before));
            System.out.printf("store size=%d%n", store.size());
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
