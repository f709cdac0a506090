package dev.formgate.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The outbox tables; created on first open, versioned by {@code PRAGMA user_version}. */
final class OutboxSchema {
    static final int VERSION = 1;

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
        "CREATE INDEX IF NOT EXISTS submissions_by_state_due ON submissions(state, next_attempt_at)",
        "CREATE INDEX IF NOT EXISTS submissions_by_created ON submissions(created_at)",
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
