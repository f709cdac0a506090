package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch's own thread against deadlines in real time (generous bounds: the machine may be busy). */
class DeadlineWatchTest {
    private final DeadlineWatch watch = new DeadlineWatch("test-deadlines");

    @AfterEach
    void close() {
        watch.close();
    }

    /** An exchange that counts down when expired and records when. */
    private static final class Exchange implements DeadlineWatch.Watched {
        final long deadline;
        final CountDownLatch expired = new CountDownLatch(1);
        volatile long expiredAt;

        Exchange(long millisFromNow) {
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millisFromNow);
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void expire() {
            expiredAt = System.nanoTime();
            expired.countDown();
        }

        long lateMillis() {
            return TimeUnit.NANOSECONDS.toMillis(expiredAt - deadline);
        }
    }

    @Test
    void an_exchange_past_its_deadline_is_expired_once_and_no_longer_watched() throws Exception {
        Exchange e = new Exchange(150);
        watch.watch(e);

        assertTrue(e.expired.await(5, TimeUnit.SECONDS), "expired");
        assertTrue(e.lateMillis() >= 0 && e.lateMillis() < 2_000, "expired " + e.lateMillis() + " ms after its deadline");
        assertEquals(0, watch.watched());
    }

    @Test
    void an_exchange_unwatched_in_time_is_never_expired() throws Exception {
        Exchange done = new Exchange(100);
        Exchange later = new Exchange(400);
        watch.watch(done);
        watch.watch(later);
        watch.unwatch(done);

        assertTrue(later.expired.await(5, TimeUnit.SECONDS), "the other one is expired");
        assertFalse(done.expired.await(100, TimeUnit.MILLISECONDS), "the unwatched one is not");
    }

    @Test
    void a_shorter_deadline_wakes_a_watch_that_sleeps_until_a_longer_one() throws Exception {
        Exchange slow = new Exchange(60_000);
        watch.watch(slow);
        Thread.sleep(100); // the watch is now asleep until the slow exchange's deadline
        Exchange fast = new Exchange(100);
        watch.watch(fast);

        assertTrue(fast.expired.await(5, TimeUnit.SECONDS), "the short deadline was kept");
        assertTrue(fast.lateMillis() < 2_000, "expired " + fast.lateMillis() + " ms late");
        assertEquals(1, slow.expired.getCount(), "the long one still runs");
        assertEquals(1, watch.watched());
    }

    @Test
    void a_watch_that_fell_idle_wakes_for_the_next_exchange() throws Exception {
        Exchange first = new Exchange(50);
        watch.watch(first);
        assertTrue(first.expired.await(5, TimeUnit.SECONDS));
        Thread.sleep(100); // nothing watched: the thread parks without a deadline

        Exchange second = new Exchange(100);
        watch.watch(second);

        assertTrue(second.expired.await(5, TimeUnit.SECONDS), "the idle watch woke");
    }

    @Test
    void many_threads_watching_at_once_each_get_their_own_deadline() throws Exception {
        List<Exchange> expiring = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                for (int j = 0; j < 2_000; j++) {
                    Exchange quick = new Exchange(10_000);
                    watch.watch(quick);
                    watch.unwatch(quick);
                }
                Exchange e = new Exchange(50L * (n + 1));
                synchronized (expiring) {
                    expiring.add(e);
                }
                watch.watch(e);
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        for (Exchange e : expiring) {
            assertTrue(e.expired.await(5, TimeUnit.SECONDS), "every deadline was kept");
        }
        assertEquals(8, expiring.size());
        assertEquals(0, watch.watched());
    }
}
