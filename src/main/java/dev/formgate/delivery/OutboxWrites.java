package dev.formgate.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The outbox's writes, each run by the group committer inside the batch transaction.
 *
 * <p>Only the committer's thread calls these, always with its one connection, so the prepared statements are
 * kept and reused (preparing a statement costs more than running these small ones).
 */
final class OutboxWrites {
    // queries on pending rows repeat the pending index's condition, or SQLite would scan the table (OutboxSchema)
    static final String HELD_FORMS =
            "SELECT DISTINCT form FROM submissions WHERE state = 'held' AND " + OutboxSchema.PENDING;
    static final String RELEASE_FORM = "UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ?"
            + " WHERE form = ? AND state = 'held' AND " + OutboxSchema.PENDING;
    static final String REQUEUE_DEAD = "UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ?"
            + " WHERE state = 'dead' AND " + OutboxSchema.PENDING;

    private final OutboxRows rows;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection preparedOn;

    OutboxWrites(OutboxRows rows) {
        this.rows = rows;
    }

    /**
     * Inserts the submission unless it is already stored: under its own id, or under one of {@code keys} (a double
     * submit or an idempotency key); then the earlier row is the outcome, not created. The insert itself tells whether
     * the id is taken ({@code ON CONFLICT DO NOTHING}), so a new submission costs no extra lookup.
     */
    StoreOutcome store(Connection c, Submission s, State initial, List<DedupKey> keys, Instant now, Instant firstAttemptAt)
            throws SQLException {
        Optional<StoredSubmission> earlier = keys.isEmpty() ? Optional.empty() : matchDedupKeys(c, keys);
        if (earlier.isPresent()) {
            return new StoreOutcome(earlier.get(), false);
        }
        String at = Timestamps.format(now);
        int inserted = update(c, "INSERT INTO submissions (id, form, content_type, payload, created_at, state, attempts,"
                + " next_attempt_at, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, ?)"
                + " ON CONFLICT (id) DO NOTHING",
                s.id(), s.form(), s.contentType(), s.payloadJson(), Timestamps.format(s.createdAt()),
                initial.dbName(), Timestamps.format(firstAttemptAt), at);
        if (inserted == 0) { // the id is taken: this submission was stored before
            return new StoreOutcome(rows.find(c, s.id())
                    .orElseThrow(() -> new SQLException("submission " + s.id() + " conflicts but cannot be read")), false);
        }
        for (DedupKey key : keys) {
            update(c, "INSERT OR REPLACE INTO dedup_keys (key, submission_id, created_at) VALUES (?, ?, ?)",
                    key.key(), s.id(), at);
        }
        return new StoreOutcome(new StoredSubmission(s, initial, 0, firstAttemptAt, null), true);
    }

    private Optional<StoredSubmission> matchDedupKeys(Connection c, List<DedupKey> keys) throws SQLException {
        for (DedupKey key : keys) {
            PreparedStatement ps = prepared(c, "SELECT submission_id, created_at FROM dedup_keys WHERE key = ?");
            ps.setString(1, key.key());
            String id = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !Timestamps.parse(rs.getString(2)).isBefore(key.notBefore())) {
                    id = rs.getString(1);
                }
            }
            Optional<StoredSubmission> match = id == null ? Optional.empty() : rows.find(c, id);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /** Delivered is a fact: it wins over any state but never happens twice. */
    int markDelivered(Connection c, String id, Instant now) throws SQLException {
        String at = Timestamps.format(now);
        return update(c, "UPDATE submissions SET state = 'delivered', delivered_at = ?, updated_at = ?"
                + " WHERE id = ? AND state <> 'delivered'", at, at, id);
    }

    /** Only a queued row is retried: a late result must not undo a delivery or an operator's decision. */
    int markRetry(Connection c, String id, Instant next, String error, Instant now) throws SQLException {
        return update(c, "UPDATE submissions SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                + " updated_at = ? WHERE id = ? AND state = 'queued'",
                Timestamps.format(next), error, Timestamps.format(now), id);
    }

    int markDead(Connection c, String id, String reason, Instant now) throws SQLException {
        return update(c, "UPDATE submissions SET state = 'dead', attempts = attempts + 1, last_error = ?,"
                + " updated_at = ? WHERE id = ? AND state IN ('queued', 'held')", reason, Timestamps.format(now), id);
    }

    int hold(Connection c, String id, String reason, Instant now) throws SQLException {
        return update(c, "UPDATE submissions SET state = 'held', last_error = ?, updated_at = ?"
                + " WHERE id = ? AND state = 'queued'", reason, Timestamps.format(now), id);
    }

    int release(Connection c, Predicate<String> formHasKey, Instant now) throws SQLException {
        List<String> forms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HELD_FORMS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                forms.add(rs.getString(1));
            }
        }
        String at = Timestamps.format(now);
        int released = 0;
        for (String form : forms) {
            if (formHasKey.test(form)) {
                released += update(c, RELEASE_FORM, at, at, form);
            }
        }
        return released;
    }

    int requeue(Connection c, String id, Instant now) throws SQLException {
        String at = Timestamps.format(now);
        return update(c, "UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ?"
                + " WHERE id = ? AND state IN ('dead', 'held', 'queued')", at, at, id);
    }

    int requeueDead(Connection c, Instant now) throws SQLException {
        String at = Timestamps.format(now);
        return update(c, REQUEUE_DEAD, at, at);
    }

    int purgeDelivered(Connection c, Instant before) throws SQLException {
        String at = Timestamps.format(before);
        update(c, "DELETE FROM dedup_keys WHERE submission_id IN"
                + " (SELECT id FROM submissions WHERE state = 'delivered' AND delivered_at < ?)", at);
        return update(c, "DELETE FROM submissions WHERE state = 'delivered' AND delivered_at < ?", at);
    }

    int probe(Connection c, Instant now) throws SQLException {
        return update(c, "INSERT OR REPLACE INTO outbox_meta (key, value) VALUES ('write_probe', ?)",
                Timestamps.format(now));
    }

    private int update(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepared(c, sql);
        try {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            // the driver can leave a statement whose step failed unusable (as GroupCommitter's kept BEGIN/COMMIT):
            // prepared anew next time
            statements.remove(sql);
            closeQuietly(ps);
            throw e;
        }
    }

    /** A kept statement for this SQL on this connection (a new connection drops the old ones). */
    private PreparedStatement prepared(Connection c, String sql) throws SQLException {
        if (c != preparedOn) {
            for (PreparedStatement ps : statements.values()) {
                closeQuietly(ps);
            }
            statements.clear();
            preparedOn = c;
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // its connection is gone or going: nothing left to free
        }
    }
}
