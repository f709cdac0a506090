package dev.formgate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs independent start-up steps on short-lived helper threads, so a cold start uses both cores.
 *
 * <p>Failures come back as the step's own exception from {@link #join}.
 */
final class Startup {
    private Startup() {
    }

    static <T> CompletableFuture<T> async(String step, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, command -> {
            Thread t = new Thread(command, "formgate-startup-" + step);
            t.setDaemon(true);
            t.start();
        });
    }

    static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /**
     * For a step whose result is no longer wanted because another step failed: waits for it to finish and closes what
     * it opened, so a failed start leaves no file being written and no connection open behind the error it reports.
     */
    static void discard(CompletableFuture<? extends AutoCloseable> step) {
        AutoCloseable resource;
        try {
            resource = step.join();
        } catch (RuntimeException e) {
            return; // the step failed too; start-up already failed, and the first error is the one to report
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // as above: the original error is the one to report
        }
    }
}
