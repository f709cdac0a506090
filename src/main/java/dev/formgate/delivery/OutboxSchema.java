package dev.formgate.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox tables; created on first open, versioned by {@code PRAGMA user_version}.
 *
 * <p>Version 2 indexes only the rows not yet delivered ({@link #PENDING}): delivered rows, nearly all of them, are
 * found by id and purged by a scan once an hour, so they need no index of their own. Each commit of the request path
 * then writes about 9.4 pages to the WAL instead of 11.5 (the insert's and the delivered mark's index entries, and the
 * {@code created_at} index version 1 kept; bench/README.md). Opening a version 1 file drops its two indexes and builds
 * the new one.
 */
final class OutboxSchema {
    static final int VERSION = 2;
    /**
     * The pending index's condition. SQLite uses a partial index only for a query whose WHERE clause repeats the
     * index's own terms ({@code state = 'queued'} alone does not imply it), so every query on pending rows adds it.
     */
    static final String PENDING = "state <> 'delivered'";
    static final String PENDING_INDEX = "submissions_pending";

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS submissions (
          id              TEXT PRIMARY KEY,
          form            TEXT NOT NULL,
          content_type    TEXT NOT NULL,
          payload         TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          state           TEXT NOT NULL CHECK (state IN ('held','queued','delivered','dead')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT NOT NULL,
          last_error      TEXT,
          updated_at      TEXT NOT NULL,
          delivered_at    TEXT
        )""",
        "DROP INDEX IF EXISTS submissions_by_state_due", // version 1: every row, delivered ones included
        "DROP INDEX IF EXISTS submissions_by_created", // version 1: only the operator's listing sorted by it
        "CREATE INDEX IF NOT EXISTS " + PENDING_INDEX + " ON submissions(state, next_attempt_at) WHERE " + PENDING,
        """
        CREATE TABLE IF NOT EXISTS dedup_keys (
          key           TEXT PRIMARY KEY,
          submission_id TEXT NOT NULL,
          created_at    TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS dedup_keys_by_submission ON dedup_keys(submission_id)",
        "CREATE TABLE IF NOT EXISTS outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "PRAGMA user_version = " + VERSION,
    };

    private OutboxSchema() {}

    /** Runs inside the committer's transaction, so two processes opening a new file at once do not race. */
    static Void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String ddl : DDL) {
                st.execute(ddl);
            }
        }
        return null;
    }
}
