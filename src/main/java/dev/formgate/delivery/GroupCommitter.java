package dev.formgate.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread owns the write connection, takes every pending write from a queue
 * and commits them together in one transaction (group commit), completing each caller's future after
 * the commit is durable. One fsync then covers many submissions.
 *
 * <p>One failing write does not undo its batch-mates: a batch first runs as one plain transaction; if a write
 * fails, it is rolled back and run again with each write in its own savepoint.
 */
final class GroupCommitter implements AutoCloseable {
    /** A unit of work on the write connection. */
    @FunctionalInterface
    interface Write<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** {@code awaited}: a caller waits for it; writes queued by {@link #submitLater} are not. */
    private record Pending<T>(Write<T> write, CompletableFuture<T> done, boolean awaited) {}

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** Writes per transaction at most; the default for {@link #GroupCommitter(Connection, String)}. */
    static final int MAX_BATCH = 512;
    /**
     * How long writes nobody waits for ({@link #submitLater}) wait for one that somebody does, to share its commit.
     * Under load one comes within a fraction of a millisecond, and the commit (an fsync) that those writes alone
     * would have cost is saved: about a fifth of all commits under JSON load (bench/README.md).
     */
    static final long LATER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * When a batch already holds two or more writes, writers are busy: the committer waits this long once more and
     * takes what came meanwhile, so that one commit (one fsync, one rewrite of each page the writes share) serves more
     * of them. A write that arrives alone is committed at once, so a quiet server adds no delay. Under JSON load this
     * halved the commits (and fsyncs) per submission and cut its CPU by about a tenth (bench/README.md, eleventh
     * landing); 500 µs cost throughput.
     */
    static final long COMPANY_WINDOW_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Connection connection;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final Object lifecycle = new Object();
    private final Pending<Void> stop = new Pending<>(c -> null, new CompletableFuture<>(), true);
    private final Thread thread;
    private final int maxBatch;
    private final long companyWindowNanos;
    private boolean closed;
    // BEGIN and COMMIT kept prepared on the committer's thread: preparing them for every batch cost ~2 % of all CPU
    private final Kept begin = new Kept("BEGIN IMMEDIATE");
    private final Kept commit = new Kept("COMMIT");

    GroupCommitter(Connection connection, String name) {
        this(connection, name, MAX_BATCH);
    }

    /** {@code maxBatch = 1} commits (and fsyncs) every write on its own: only the outbox benchmark uses that. */
    GroupCommitter(Connection connection, String name, int maxBatch) {
        this(connection, name, maxBatch, COMPANY_WINDOW_NANOS);
    }

    /** With another wait for company than {@link #COMPANY_WINDOW_NANOS} (tests: one long enough to be sure of). */
    GroupCommitter(Connection connection, String name, int maxBatch, long companyWindowNanos) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        this.connection = connection;
        this.maxBatch = maxBatch;
        this.companyWindowNanos = companyWindowNanos;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs the write in the next group commit and returns once it is durable. */
    <T> T submit(Write<T> write) {
        return await(enqueue(write, true));
    }

    /** As {@link #submit}, giving up waiting after the timeout (the write may still commit later). */
    <T> T submit(Write<T> write, long timeoutMillis) throws TimeoutException {
        CompletableFuture<T> done = enqueue(write, true);
        return unwrap(() -> done.get(timeoutMillis, TimeUnit.MILLISECONDS));
    }

    /**
     * Queues the write for the next commit that a waited-for write makes, or for its own commit at most
     * {@link #LATER_WAIT_NANOS} later (at once on close), and returns at once, without waiting for it to be durable; a
     * failure, or a committer already closed, is logged as {@code what} and never thrown. Only for writes whose loss
     * is harmless (see {@link Outbox#markDeliveredLater}).
     */
    void submitLater(Write<?> write, String what) {
        try {
            enqueue(write, false).whenComplete((result, error) -> {
                if (error != null) {
                    LOG.warn("{} failed: {}", what, error.getMessage());
                }
            });
        } catch (OutboxUnavailableException e) {
            LOG.warn("{} not written: {}", what, e.getMessage());
        }
    }

    long commits() {
        return commits.get();
    }

    /** Writes queued and not yet taken into a batch (tests). */
    int queued() {
        return queue.size();
    }

    boolean running() {
        return thread.isAlive();
    }

    private <T> CompletableFuture<T> enqueue(Write<T> write, boolean awaited) {
        CompletableFuture<T> done = new CompletableFuture<>();
        synchronized (lifecycle) {
            if (closed) {
                throw new OutboxUnavailableException("outbox is closed");
            }
            queue.add(new Pending<>(write, done, awaited));
        }
        return done;
    }

    private <T> T await(CompletableFuture<T> done) {
        try {
            return unwrap(done::get);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // cannot happen without a timeout
        }
    }

    private interface Getter<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T unwrap(Getter<T> getter) throws TimeoutException {
        try {
            return getter.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxUnavailableException("interrupted while waiting for the outbox commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OutboxUnavailableException("outbox write failed: " + cause.getMessage(), cause);
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only STOP ends the loop, so no queued write is left hanging
            }
            queue.drainTo(batch, maxBatch - 1);
            if (batch.size() >= 2 && batch.size() < maxBatch) {
                LockSupport.parkNanos(companyWindowNanos);
                queue.drainTo(batch, maxBatch - batch.size());
            }
            if (batch.stream().noneMatch(Pending::awaited)) {
                awaitCompany(batch);
            }
            boolean stopping = batch.removeIf(p -> p == stop);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stopping) {
                return;
            }
        }
    }

    /**
     * A batch of writes nobody waits for: waits up to {@link #LATER_WAIT_NANOS} for a write somebody waits for (or
     * STOP) and takes it and whatever came with it, or until the batch is full.
     */
    private void awaitCompany(List<Pending<?>> batch) {
        long until = System.nanoTime() + LATER_WAIT_NANOS;
        while (batch.size() < maxBatch) {
            long left = until - System.nanoTime();
            Pending<?> next;
            try {
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                return; // commit what there is
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            if (next.awaited()) {
                queue.drainTo(batch, maxBatch - batch.size());
                return;
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        try (Statement st = connection.createStatement()) {
            if (!commitAtOnce(st, batch, completions)) {
                if (batch.size() == 1) {
                    return; // its write failed and was rolled back: nothing to isolate
                }
                completions.clear();
                st.execute("BEGIN IMMEDIATE");
                for (Pending<?> pending : batch) {
                    runInSavepoint(st, pending, completions);
                }
                st.execute("COMMIT");
            }
            commits.incrementAndGet();
            completions.forEach(Runnable::run);
        } catch (SQLException | RuntimeException | Error e) {
            // Error too: a dead committer would leave every later caller waiting forever
            LOG.error("outbox commit of {} writes failed: {}", batch.size(), e.getMessage());
            rollbackQuietly();
            OutboxUnavailableException failure = new OutboxUnavailableException("outbox commit failed: " + e.getMessage(), e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
        }
    }

    /**
     * The common case first: every write in one transaction without savepoints (two statements fewer per write).
     * If a write fails, the transaction is rolled back and false returned, so the caller runs the batch again write
     * by write in savepoints and only the failing write fails; a batch of one is failed here.
     */
    private boolean commitAtOnce(Statement st, List<Pending<?>> batch, List<Runnable> completions) throws SQLException {
        begin.execute();
        for (Pending<?> pending : batch) {
            try {
                run(pending, completions);
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                if (batch.size() == 1) {
                    pending.done().completeExceptionally(e);
                }
                return false;
            }
        }
        commit.execute();
        return true;
    }

    /**
     * A statement kept prepared on the write connection. One that failed (busy, disk full) is dropped and prepared
     * anew next time: the driver leaves a statement whose step failed unusable ("statement is not executing").
     */
    private final class Kept {
        private final String sql;
        private PreparedStatement statement;

        Kept(String sql) {
            this.sql = sql;
        }

        void execute() throws SQLException {
            if (statement == null) {
                statement = connection.prepareStatement(sql);
            }
            try {
                statement.execute();
            } catch (SQLException e) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // unusable either way
                }
                statement = null;
                throw e;
            }
        }
    }

    private <T> void run(Pending<T> pending, List<Runnable> completions) throws SQLException {
        T result = pending.write().apply(connection);
        completions.add(() -> pending.done().complete(result));
    }

    private <T> void runInSavepoint(Statement st, Pending<T> pending, List<Runnable> completions) throws SQLException {
        st.execute("SAVEPOINT write");
        try {
            T result = pending.write().apply(connection);
            st.execute("RELEASE write");
            completions.add(() -> pending.done().complete(result));
        } catch (SQLException | RuntimeException e) {
            st.execute("ROLLBACK TO write");
            st.execute("RELEASE write");
            pending.done().completeExceptionally(e);
        }
    }

    private void rollbackQuietly() {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open: nothing to undo
        }
    }

    /** Commits what is queued, then stops the thread and closes the connection. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing outbox write connection failed: {}", e.getMessage());
        }
    }
}
