package dev.formgate.delivery;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's indexes: only pending rows are indexed by state, and the queries on them use that index. */
class OutboxSchemaTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();

    private Path file() {
        return Outbox.file(dir.resolve("data"));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file().toAbsolutePath());
    }

    @Test
    void a_version_1_file_keeps_its_rows_and_trades_its_two_indexes_for_the_pending_one() throws Exception {
        Files.createDirectories(file().getParent());
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // version 1's schema as it shipped, with one row in each state
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("""
                CREATE TABLE submissions (id TEXT PRIMARY KEY, form TEXT NOT NULL, content_type TEXT NOT NULL,
                  payload TEXT NOT NULL, created_at TEXT NOT NULL,
                  state TEXT NOT NULL CHECK (state IN ('held','queued','delivered','dead')),
                  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT,
                  updated_at TEXT NOT NULL, delivered_at TEXT)""");
            st.execute("CREATE INDEX submissions_by_state_due ON submissions(state, next_attempt_at)");
            st.execute("CREATE INDEX submissions_by_created ON submissions(created_at)");
            st.execute("CREATE TABLE dedup_keys (key TEXT PRIMARY KEY, submission_id TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL)");
            st.execute("CREATE INDEX dedup_keys_by_submission ON dedup_keys(submission_id)");
            st.execute("CREATE TABLE outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("PRAGMA user_version = 1");
            String[] states = {"held", "queued", "delivered", "dead"};
            for (int i = 0; i < states.length; i++) {
                st.execute("INSERT INTO submissions (id, form, content_type, payload, created_at, state, attempts,"
                        + " next_attempt_at, updated_at, delivered_at) VALUES ('id-" + states[i] + "', 'contact-form',"
                        + " 'contact_form', '{\"name\":\"" + states[i] + "\"}', '2025-01-01T00:00:0" + i + ".000000000Z', '"
                        + states[i] + "', 0, '2025-01-01T00:00:00.000000000Z',"
                        + " '2025-01-01T00:00:00.000000000Z', NULL)");
            }
        }

        try (Outbox outbox = Outbox.open(dir.resolve("data"), clock)) {
            assertEquals(String.valueOf(OutboxSchema.VERSION), outbox.pragma("user_version"));
            Duration queuedAge = Duration.between(Instant.parse("2025-01-01T00:00:01Z"), clock.instant());
            assertEquals(new OutboxStats(1, 1, 1, 1, Optional.of(queuedAge)), outbox.stats());
            assertEquals(List.of("id-queued"), ids(outbox.due(10)));
            assertEquals(List.of("id-delivered"), ids(outbox.list(Optional.of(State.DELIVERED), Optional.empty(), 10)));
            assertEquals(List.of("id-dead", "id-delivered", "id-queued", "id-held"),
                    ids(outbox.list(Optional.empty(), Optional.empty(), 10)));
        }
        try (Connection c = connect()) {
            assertEquals(Set.of("sqlite_autoindex_submissions_1", OutboxSchema.PENDING_INDEX), indexesOf(c));
        }
    }

    @Test
    void delivered_rows_are_not_in_the_pending_index() throws Exception {
        Fixtures fixtures = new Fixtures(clock);
        try (Outbox outbox = Outbox.open(dir.resolve("data"), clock)) {
            Submission delivered = fixtures.contact("Ada");
            outbox.store(delivered, State.QUEUED, List.of());
            outbox.markDelivered(delivered.id());
            outbox.store(fixtures.contact("Bob"), State.QUEUED, List.of());
            outbox.store(fixtures.contact("Cy"), State.HELD, List.of());
            assertEquals(new OutboxStats(1, 1, 0, 1, Optional.of(Duration.ZERO)), outbox.stats());
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM submissions INDEXED BY "
                     + OutboxSchema.PENDING_INDEX + " WHERE " + OutboxSchema.PENDING)) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void every_query_on_pending_rows_is_answered_from_the_pending_index() throws Exception {
        Outbox.open(dir.resolve("data"), clock).close();
        List<String> queries = List.of(Outbox.DUE, OutboxRows.PENDING_COUNTS, OutboxRows.OLDEST_QUEUED,
                OutboxWrites.HELD_FORMS, OutboxWrites.RELEASE_FORM, OutboxWrites.REQUEUE_DEAD);
        try (Connection c = connect()) {
            for (String sql : queries) {
                String plan = plan(c, sql);
                assertTrue(plan.contains(OutboxSchema.PENDING_INDEX), sql + "\n  is planned as: " + plan);
            }
            // and without the index's own condition it would not be: what the constants above guard against
            String bare = Outbox.DUE.replace(" AND " + OutboxSchema.PENDING, "");
            assertFalse(plan(c, bare).contains(OutboxSchema.PENDING_INDEX), plan(c, bare));
        }
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append("; ");
            }
        }
        return plan.toString();
    }

    private static Set<String> indexesOf(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> ids(List<StoredSubmission> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
