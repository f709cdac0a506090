package dev.formgate.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends the CMS exchanges that run past their deadline: one daemon thread, started on first use, sleeps until the
 * earliest deadline among the exchanges in flight and expires those whose time is up (their connection is closed,
 * which ends a blocked read or write at once).
 *
 * <p>Why not the socket's read timeout: on a virtual thread every timed read schedules a timer task in the JDK's
 * scheduler and cancels it again: ~8 % of all CPU under JSON load in profiles (bench/README.md). An untimed read
 * parks without a timer; watching costs two set operations per exchange and a wake-up per deadline, not per read.
 */
final class DeadlineWatch implements AutoCloseable {
    /** An exchange with a deadline ({@link System#nanoTime()}). */
    interface Watched {
        long deadlineNanos();

        /** Called once, from the watch's thread, when the deadline has passed while still watched. */
        void expire();
    }

    private final String threadName;
    private final Set<Watched> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean closed;
    // What the watch's thread is doing, for watch() to decide whether it must wake it; see run().
    private volatile boolean scanning;
    private volatile boolean idle;
    private volatile long sleepUntil;

    DeadlineWatch(String threadName) {
        this.threadName = threadName;
    }

    /** Watches {@code w} until {@link #unwatch}; expires it if its deadline passes first. */
    void watch(Watched w) {
        inFlight.add(w);
        Thread t = thread == null ? start() : thread;
        // Read after the add: a scan that began before it saw w, or this sees scanning or the sleep that scan chose.
        if (scanning || idle || w.deadlineNanos() - sleepUntil < 0) {
            LockSupport.unpark(t);
        }
    }

    void unwatch(Watched w) {
        inFlight.remove(w);
    }

    /** How many exchanges are watched; for tests. */
    int watched() {
        return inFlight.size();
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(this::run, threadName);
            t.setDaemon(true);
            scanning = true; // until its first scan has chosen how long to sleep
            thread = t;
            t.start();
        }
        return thread;
    }

    private void run() {
        while (!closed || !inFlight.isEmpty()) {
            scanning = true;
            long now = System.nanoTime();
            long sleep = Long.MAX_VALUE;
            for (Watched w : inFlight) {
                long left = w.deadlineNanos() - now;
                if (left > 0) {
                    sleep = Math.min(sleep, left);
                } else if (inFlight.remove(w)) {
                    w.expire();
                }
            }
            idle = sleep == Long.MAX_VALUE;
            sleepUntil = now + (idle ? 0 : sleep);
            scanning = false;
            if (idle) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    /** Stops the thread once no exchange is watched any more (the ones in flight keep their deadlines). */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
