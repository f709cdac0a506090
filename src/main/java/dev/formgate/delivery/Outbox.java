package dev.formgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The durable outbox: every accepted submission is in {@code <dataDir>/formgate.db} before anyone is told "ok".
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}. In WAL mode, {@code NORMAL} already
 * survives a process kill (the WAL is in the OS page cache), but a power cut or kernel crash can
 * lose the last commits because the WAL is not fsynced at commit. {@code FULL} fsyncs the WAL on
 * every commit, so a returned {@link #store} survives both. To keep that affordable, all writes go to
 * one committer thread that commits whatever is pending in one transaction (group commit): one fsync
 * for many concurrent submissions.
 *
 * <p>Reads use a separate connection and never wait for the writer (WAL). Other processes, such as
 * the command line's {@code submissions} commands, may open the same file while the server runs:
 * writers take the lock with {@code BEGIN IMMEDIATE} and wait up to {@code busy_timeout} for it.
 * Methods throw {@link OutboxUnavailableException} when the database cannot be used. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    static final String FILE_NAME = "formgate.db";
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final long PROBE_TIMEOUT_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Clock clock;
    private final GroupCommitter committer;
    private final Connection reader;
    private final OutboxRows rows;
    private final OutboxWrites writes;

    private Outbox(Clock clock, GroupCommitter committer, Connection reader, OutboxRows rows) {
        this.clock = clock;
        this.committer = committer;
        this.reader = reader;
        this.rows = rows;
        this.writes = new OutboxWrites(rows);
    }

    /** The database file in a data directory: {@code <dataDir>/formgate.db}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Opens (creating if needed) {@code <dataDir>/formgate.db}. */
    public static Outbox open(Path dataDir, Clock clock) {
        return open(dataDir, clock, GroupCommitter.MAX_BATCH);
    }

    /**
     * As {@link #open(Path, Clock)} with at most {@code maxBatch} writes per commit; {@code 1} turns group commit
     * off (one fsync per write), which only the outbox benchmark does to show what group commit buys.
     */
    static Outbox open(Path dataDir, Clock clock, int maxBatch) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path file = dataDir.resolve(FILE_NAME);
        Connection writer = null;
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            writer = config().createConnection(url);
            GroupCommitter committer = new GroupCommitter(writer, "formgate-outbox-committer", maxBatch);
            try {
                committer.submit(OutboxSchema::create);
                Connection reader = config().createConnection(url);
                return new Outbox(clock, committer, reader, new OutboxRows(Json.mapper()));
            } catch (SQLException | RuntimeException e) {
                committer.close();
                throw e;
            }
        } catch (IOException | SQLException e) {
            closeQuietly(writer);
            throw new OutboxUnavailableException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // 1 MiB of page cache per connection instead of 2: rows are appended and read back by key, so a small
        // cache costs no lookups, and on a 256 MB machine each MiB counts (bench/README.md, memory)
        config.setCacheSize(-1024);
        // the driver would otherwise prepare and run "SELECT last_insert_rowid()" after every INSERT, for
        // getGeneratedKeys(), which nothing here calls (2.8 % of all CPU under JSON load, bench/README.md)
        config.setGetGeneratedKeys(false);
        return config;
    }

    /** Stores the submission unless its id or a dedup key matches an earlier one; durable when it returns. */
    public StoreOutcome store(Submission s, State initial, List<DedupKey> dedupKeys) {
        return store(s, initial, dedupKeys, clock.instant());
    }

    /**
     * As {@link #store(Submission, State, List)}, with the row not due for the worker before {@code firstAttemptAt}:
     * the request path leases a row it is about to deliver itself, so the worker does not send it a second time.
     */
    public StoreOutcome store(Submission s, State initial, List<DedupKey> dedupKeys, Instant firstAttemptAt) {
        Objects.requireNonNull(s, "submission");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(initial, "initial");
        List<DedupKey> keys = List.copyOf(dedupKeys);
        if (initial == State.DELIVERED || initial == State.DEAD) {
            throw new IllegalArgumentException("a submission starts held or queued, not " + initial.dbName());
        }
        return committer.submit(c -> writes.store(c, s, initial, keys, clock.instant(), firstAttemptAt));
    }

    /** Records that the CMS has the entry (no-op if it was already delivered). */
    public void markDelivered(String id) {
        logIfNoop(committer.submit(c -> writes.markDelivered(c, id, clock.instant())), "markDelivered", id);
    }

    /**
     * As {@link #markDelivered}, without waiting for the commit: the request path answers 201 without a second
     * fsync. Losing this write (a crash before the next group commit) is harmless: the row stays queued, the worker
     * sends it again once its lease ends, and Flotiq answers "id already used", which counts as delivered. No
     * acknowledged submission can be lost this way, because the row itself was committed before delivery began.
     * The write is queued before this returns, so later writes (a duplicate's store) see the row delivered; reads
     * see it once the next group commit is done, a few milliseconds later.
     */
    public void markDeliveredLater(String id) {
        committer.submitLater(c -> writes.markDelivered(c, id, clock.instant()), "marking submission " + id + " delivered");
    }

    /** Records a failed attempt and when to try again (attempts++); only a queued row changes. */
    public void markRetry(String id, Instant nextAttemptAt, String lastError) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        logIfNoop(committer.submit(c -> writes.markRetry(c, id, nextAttemptAt, lastError, clock.instant())), "markRetry", id);
    }

    /** Records that the CMS refused the entry for good (attempts++); only a queued or held row changes. */
    public void markDead(String id, String reason) {
        logIfNoop(committer.submit(c -> writes.markDead(c, id, reason, clock.instant())), "markDead", id);
    }

    /** Moves a queued row back to held (its form lost its key); returns whether it changed. */
    boolean hold(String id, String reason) {
        return committer.submit(c -> writes.hold(c, id, reason, clock.instant())) > 0;
    }

    static final String DUE = "SELECT " + OutboxRows.COLUMNS + " FROM submissions WHERE state = 'queued' AND "
            + OutboxSchema.PENDING + " AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?";

    /** Queued rows whose next attempt is due, oldest first. */
    public List<StoredSubmission> due(int limit) {
        return read(c -> rows.query(c, DUE, Timestamps.format(clock.instant()), limit));
    }

    /** Rows newest first, optionally only one state and/or one form. */
    public List<StoredSubmission> list(Optional<State> state, Optional<String> form, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + OutboxRows.COLUMNS + " FROM submissions WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        state.ifPresent(st -> {
            sql.append(" AND state = ?");
            params.add(st.dbName());
            if (st != State.DELIVERED) {
                sql.append(" AND ").append(OutboxSchema.PENDING);
            }
        });
        form.ifPresent(f -> { sql.append(" AND form = ?"); params.add(f); });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return read(c -> rows.query(c, sql.toString(), params.toArray()));
    }

    public Optional<StoredSubmission> find(String id) {
        return read(c -> rows.find(c, id));
    }

    /** Held rows of forms that now have a key become queued and due now; returns how many. */
    public int release(Predicate<String> formHasKey) {
        Objects.requireNonNull(formHasKey, "formHasKey");
        return committer.submit(c -> writes.release(c, formHasKey, clock.instant()));
    }

    /** A dead, held or queued row becomes queued and due now; false if unknown or already delivered. */
    public boolean requeue(String id) {
        return committer.submit(c -> writes.requeue(c, id, clock.instant())) > 0;
    }

    /** Every dead row becomes queued and due now; returns how many. */
    public int requeueDead() {
        return committer.submit(c -> writes.requeueDead(c, clock.instant()));
    }

    /** Deletes delivered rows (personal data) delivered before the instant, with their dedup keys. */
    public int purgeDelivered(Instant deliveredBefore) {
        Objects.requireNonNull(deliveredBefore, "deliveredBefore");
        return committer.submit(c -> writes.purgeDelivered(c, deliveredBefore));
    }

    public OutboxStats stats() {
        return read(c -> rows.stats(c, clock.instant()));
    }

    /** Whether a write can be made durable now (a small real write, bounded wait); for readiness. */
    public boolean writable() {
        if (!committer.running()) {
            return false;
        }
        try {
            committer.submit(c -> writes.probe(c, clock.instant()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("outbox is not writable: {}", e.getMessage());
            return false;
        }
    }

    /** Group commits so far; package-private for tests that check batching. */
    long commitCount() {
        return committer.commits();
    }

    /** A PRAGMA's value as the outbox's connections see it; package-private for tests. */
    String pragma(String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("PRAGMA " + name); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Commits pending writes, then closes the database. */
    @Override
    public void close() {
        committer.close();
        synchronized (reader) {
            closeQuietly(reader);
        }
    }

    private interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> read) {
        synchronized (reader) {
            try {
                return read.apply(reader);
            } catch (SQLException e) {
                throw new OutboxUnavailableException("outbox read failed: " + e.getMessage(), e);
            }
        }
    }

    private static void logIfNoop(int changed, String what, String id) {
        if (changed == 0) {
            LOG.debug("{} for submission {} changed nothing (unknown id or state already moved on)", what, id);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("closing outbox connection failed: {}", e.getMessage());
            }
        }
    }
}
