package dev.formgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading submission rows on any connection (the writer's inside a transaction, or a reader's). */
final class OutboxRows {
    static final String COLUMNS =
            "id, form, content_type, payload, created_at, state, attempts, next_attempt_at, last_error";
    // the delivered rows are counted as all rows less the pending ones: only the pending ones are indexed by state
    static final String PENDING_COUNTS =
            "SELECT state, COUNT(*) FROM submissions WHERE " + OutboxSchema.PENDING + " GROUP BY state";
    static final String ALL_COUNT = "SELECT COUNT(*) FROM submissions";
    static final String OLDEST_QUEUED =
            "SELECT MIN(created_at) FROM submissions WHERE state = 'queued' AND " + OutboxSchema.PENDING;

    private final ObjectMapper json;

    OutboxRows(ObjectMapper json) {
        this.json = json;
    }

    Optional<StoredSubmission> find(Connection c, String id) throws SQLException {
        List<StoredSubmission> rows = query(c, "SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    List<StoredSubmission> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredSubmission> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(map(rs));
                }
                return rows;
            }
        }
    }

    OutboxStats stats(Connection c, Instant now) throws SQLException {
        long[] counts = new long[State.values().length];
        long pending = 0;
        try (PreparedStatement ps = c.prepareStatement(PENDING_COUNTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts[State.parse(rs.getString(1)).ordinal()] = rs.getLong(2);
                pending += rs.getLong(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(ALL_COUNT); ResultSet rs = ps.executeQuery()) {
            counts[State.DELIVERED.ordinal()] = rs.next() ? rs.getLong(1) - pending : 0;
        }
        Optional<Duration> oldest = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement(OLDEST_QUEUED);
             ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
                Duration age = Duration.between(Timestamps.parse(rs.getString(1)), now);
                oldest = Optional.of(age.isNegative() ? Duration.ZERO : age);
            }
        }
        return new OutboxStats(counts[State.HELD.ordinal()], counts[State.QUEUED.ordinal()],
                counts[State.DEAD.ordinal()], counts[State.DELIVERED.ordinal()], oldest);
    }

    private StoredSubmission map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String payload = rs.getString("payload");
        checkPayload(id, payload);
        Submission submission = new Submission(id, rs.getString("form"), rs.getString("content_type"),
                payload, Timestamps.parse(rs.getString("created_at")));
        Instant next = Timestamps.parse(rs.getString("next_attempt_at"));
        return new StoredSubmission(submission, State.parse(rs.getString("state")), rs.getInt("attempts"),
                next, rs.getString("last_error"));
    }

    private void checkPayload(String id, String text) throws SQLException {
        try {
            if (text != null && json.readTree(text) instanceof ObjectNode) {
                return;
            }
        } catch (JsonProcessingException e) {
            // fall through: report without echoing the content
        }
        throw new SQLException("stored payload of submission " + id + " is not a JSON object");
    }
}
