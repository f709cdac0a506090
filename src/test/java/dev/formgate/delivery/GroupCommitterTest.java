package dev.formgate.delivery;

import dev.formgate.testing.Eventually;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer's wait for company: busy writers share commits, a lone write is not held back. */
class GroupCommitterTest {
    @TempDir
    Path dir;

    private GroupCommitter committer(long windowNanos) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("commits.db"));
        GroupCommitter committer = new GroupCommitter(c, "test-committer", GroupCommitter.MAX_BATCH, windowNanos);
        committer.submit(conn -> run(conn, "CREATE TABLE t (v INTEGER)"));
        return committer;
    }

    private static Void run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }

    @Test
    void a_write_that_comes_while_a_batch_of_two_waits_shares_its_commit() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (GroupCommitter committer = committer(TimeUnit.SECONDS.toNanos(2))) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> first = writers.submit(() -> committer.submit(c -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return run(c, "INSERT INTO t VALUES (0)");
            }));
            inside.await();
            long before = committer.commits();
            // two writers queue up while the first write's commit is under way
            Future<?> a = writers.submit(() -> committer.submit(c -> run(c, "INSERT INTO t VALUES (1)")));
            Future<?> b = writers.submit(() -> committer.submit(c -> run(c, "INSERT INTO t VALUES (2)")));
            Eventually.until(() -> committer.queued() == 2);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            // the committer has taken both into its next batch and waits for company: a third write joins them
            Eventually.until(() -> committer.queued() == 0);
            Future<?> c3 = writers.submit(() -> committer.submit(c -> run(c, "INSERT INTO t VALUES (3)")));
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            c3.get(5, TimeUnit.SECONDS);
            assertEquals(before + 2, committer.commits(), "the first write's commit, then one for the other three");
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void a_write_that_comes_alone_is_committed_at_once() throws Exception {
        try (GroupCommitter committer = committer(TimeUnit.SECONDS.toNanos(60))) {
            long before = committer.commits();
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> committer.submit(c -> run(c, "INSERT INTO t VALUES (1)")));
            assertEquals(before + 1, committer.commits());
        }
    }
}
