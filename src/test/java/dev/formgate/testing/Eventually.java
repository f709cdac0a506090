package dev.formgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits (bounded) for state another thread writes: the worker's own thread, or the outbox's group committer, which
 * commits the "delivered" mark shortly after the request path has answered 201.
 */
public final class Eventually {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails the test if it does not within 10 s. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
