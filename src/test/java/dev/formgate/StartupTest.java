package dev.formgate;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupTest {

    @Test
    void a_discarded_step_still_running_is_waited_for_and_closed_before_discard_returns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        var step = Startup.async("slow", () -> {
            started.countDown();
            sleep(300);
            return (AutoCloseable) () -> closed.set(true);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));

        Startup.discard(step);

        // a failed start must not leave the outbox writing its files after the error is reported (CI saw the test's
        // data directory refuse deletion when the close came later, on the helper thread)
        assertTrue(closed.get(), "closed by the time discard returned");
    }

    @Test
    void a_discarded_step_that_failed_is_ignored() {
        var step = Startup.<AutoCloseable>async("broken", () -> {
            throw new IllegalStateException("no database");
        });

        Startup.discard(step);

        assertTrue(step.isCompletedExceptionally());
    }

    @Test
    void a_failing_close_does_not_hide_the_start_up_error() {
        var step = Startup.<AutoCloseable>async("unclosable", () -> () -> {
            throw new java.io.IOException("busy");
        });

        Startup.discard(step); // returns quietly: the caller rethrows the error that made it discard
        assertFalse(step.isCompletedExceptionally());
    }

    @Test
    void join_gives_back_the_steps_own_exception() {
        IllegalArgumentException cause = new IllegalArgumentException("bad port");
        var step = Startup.<String>async("fails", () -> {
            throw cause;
        });

        assertSame(cause, assertThrows(IllegalArgumentException.class, () -> Startup.join(step)));
        assertEquals("ok", Startup.join(Startup.async("works", () -> "ok")));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
