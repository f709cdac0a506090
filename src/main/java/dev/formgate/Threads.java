package dev.formgate;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Virtual threads where the JDK has them (21+), a bounded, shrinking pool of daemon platform threads on 17. */
final class Threads {
    private Threads() {
    }

    static ExecutorService executor(String name) {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            // Up to 64 threads, made only when none is idle and ended after 30 s idle (a fixed pool would make all
            // 64 under any load and keep them, ~100 KiB of stack each); when all are busy a task is refused at
            // once, which the dispatcher answers as queued rather than letting the request wait for a thread.
            AtomicInteger n = new AtomicInteger();
            return new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }
}
