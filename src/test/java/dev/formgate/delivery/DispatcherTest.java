package dev.formgate.delivery;

import static dev.formgate.delivery.Fixtures.TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.Eventually;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.FakeFlotiq.Failure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DispatcherTest {
    @RegisterExtension
    final Harness h = new Harness();

    @Test
    void healthy_cms_gets_the_entry_now_and_the_submitter_hears_delivered() throws Exception {
        Submission s = h.fixtures.contact("Ada");

        Receipt receipt = h.dispatcher().submit(s, List.of());

        assertEquals(new Receipt(s.id(), Outcome.DELIVERED, false), receipt);
        assertEquals(1, h.flotiq.objects(TYPE).size());
        // the delivered mark is committed after submit returns (the request path does not wait for it)
        Eventually.until(() -> h.row(s.id()).state() == State.DELIVERED);
    }

    @Test
    void the_attempt_runs_on_the_calling_thread_without_a_hand_off() {
        List<Thread> deliveredOn = new ArrayList<>();
        h.cms = during(h.cms, () -> deliveredOn.add(Thread.currentThread()));

        Receipt receipt = h.dispatcher().submit(h.fixtures.contact("Ada"), List.of());

        assertEquals(Outcome.DELIVERED, receipt.outcome());
        assertEquals(List.of(Thread.currentThread()), deliveredOn);
    }

    @Test
    void the_submitter_hears_delivered_without_waiting_for_the_delivered_mark_to_commit() throws Exception {
        try (Connection otherProcess = DriverManager.getConnection("jdbc:sqlite:" + Outbox.file(h.dataDir))) {
            // after the store, another writer holds the database lock: a waited-for mark would block (then fail)
            h.cms = during(h.cms, () -> execute(otherProcess, "BEGIN IMMEDIATE"));
            Submission s = h.fixtures.contact("Ada");

            Receipt receipt = h.dispatcher().submit(s, List.of());
            State whileLocked = h.row(s.id()).state();
            execute(otherProcess, "ROLLBACK");

            assertEquals(Outcome.DELIVERED, receipt.outcome());
            assertEquals(State.QUEUED, whileLocked);
            Eventually.until(() -> h.row(s.id()).state() == State.DELIVERED);
        }
    }

    /** {@code cms}, running {@code hook} inside each request-path call, on the thread that makes it. */
    private static Cms during(Cms cms, Runnable hook) {
        return new Cms() {
            @Override
            public DeliveryResult deliver(Submission submission) {
                throw new AssertionError("the request path passes its deadline");
            }

            @Override
            public DeliveryResult deliver(Submission submission, Duration timeout) {
                hook.run();
                return cms.deliver(submission, timeout);
            }

            @Override
            public boolean configuredFor(String form) {
                return cms.configuredFor(form);
            }
        };
    }

    private static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void outage_queues_and_the_worker_delivers_exactly_once_after_recovery() {
        h.flotiq.failAlways(Failure.unavailable());
        Submission s = h.fixtures.contact("Ada");

        Receipt receipt = h.dispatcher().submit(s, List.of());

        assertEquals(Outcome.QUEUED, receipt.outcome());
        StoredSubmission row = h.row(s.id());
        assertEquals(State.QUEUED, row.state());
        assertEquals(1, row.attempts());
        assertTrue(row.lastError().contains("503"), row.lastError());
        h.flotiq.clearFailures();
        DeliveryWorker worker = h.worker();
        assertEquals(0, worker.runOnce(), "not due before its backoff");
        h.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, worker.runOnce());
        assertEquals(State.DELIVERED, h.row(s.id()).state());
        assertEquals(0, worker.runOnce());
        assertEquals(1, h.flotiq.objects(TYPE).size());
    }

    @Test
    void hanging_cms_is_answered_at_the_deadline_and_the_row_is_due_by_the_retry_policy() {
        h.flotiq.failAlways(Failure.hang());
        Submission s = h.fixtures.contact("Ada");
        Dispatcher dispatcher = h.dispatcher(Duration.ofMillis(200));

        long start = System.nanoTime();
        Receipt receipt = dispatcher.submit(s, List.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Outcome.QUEUED, receipt.outcome());
        assertTrue(took.compareTo(Harness.REQUEST_TIMEOUT) < 0, "answered after " + took);
        StoredSubmission row = h.row(s.id());
        assertEquals(1, row.attempts(), "the timeout is recorded before the answer, not by a late attempt");
        assertTrue(row.lastError().contains("did not answer within PT0.2S"), row.lastError());
        assertFalse(row.nextAttemptAt().isAfter(h.clock.instant().plusSeconds(1)), "due after the 1 s base backoff, not the lease");
        h.flotiq.clearFailures();
        h.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, h.worker().runOnce());
        assertEquals(State.DELIVERED, h.row(s.id()).state());
        assertEquals(1, h.flotiq.objects(TYPE).size());
    }

    @Test
    void schema_drift_is_dead_with_the_field_named_but_the_submitter_still_hears_queued() {
        Submission s = h.fixtures.submission(Fixtures.FORM, TYPE, Fixtures.payload("Ada", null, "private words"));

        Receipt receipt = h.dispatcher().submit(s, List.of());

        assertEquals(Outcome.QUEUED, receipt.outcome());
        StoredSubmission row = h.row(s.id());
        assertEquals(State.DEAD, row.state());
        assertTrue(row.lastError().contains("email"), row.lastError());
        assertTrue(!row.lastError().contains("private words"), row.lastError());
        assertEquals(0, h.worker().runOnce());
        assertTrue(h.flotiq.objects(TYPE).isEmpty());
    }

    @Test
    void duplicate_dedup_key_returns_the_same_id_and_makes_one_cms_object() {
        DedupKey key = new DedupKey("contact-form:hash-of-payload", h.clock.instant().minusSeconds(600));
        Submission first = h.fixtures.contact("Ada");
        Dispatcher dispatcher = h.dispatcher();
        dispatcher.submit(first, List.of(key));

        Receipt again = dispatcher.submit(h.fixtures.contact("Ada"), List.of(key));

        assertEquals(new Receipt(first.id(), Outcome.DELIVERED, true), again);
        assertEquals(1, h.flotiq.objects(TYPE).size());
        assertEquals(1, h.flotiq.requests().size());
    }

    @Test
    void duplicate_of_a_queued_submission_answers_queued() {
        h.flotiq.failAlways(Failure.unavailable());
        DedupKey key = new DedupKey("k", h.clock.instant().minusSeconds(600));
        Submission first = h.fixtures.contact("Ada");
        Dispatcher dispatcher = h.dispatcher();
        dispatcher.submit(first, List.of(key));

        Receipt again = dispatcher.submit(h.fixtures.contact("Ada"), List.of(key));

        assertEquals(new Receipt(first.id(), Outcome.QUEUED, true), again);
        assertEquals(1, h.flotiq.requests().size());
    }

    @Test
    void form_without_key_is_held_and_never_sent() {
        h.cms = h.flotiq(Map.of("FLOTIQ_API_KEY_NEWSLETTER", FakeFlotiq.KEY));
        Submission s = h.fixtures.contact("Ada");

        Receipt receipt = h.dispatcher().submit(s, List.of());

        assertEquals(Outcome.HELD, receipt.outcome());
        assertEquals(State.HELD, h.row(s.id()).state());
        assertTrue(h.flotiq.requests().isEmpty());
    }

    @Test
    void open_breaker_queues_without_calling_the_cms() {
        h.breaker = new CircuitBreaker(1, Duration.ofSeconds(30), h.clock);
        h.flotiq.failAlways(Failure.unavailable());
        Dispatcher dispatcher = h.dispatcher();
        dispatcher.submit(h.fixtures.contact("Ada"), List.of());

        Receipt receipt = dispatcher.submit(h.fixtures.contact("Bob"), List.of());

        assertEquals(Outcome.QUEUED, receipt.outcome());
        assertEquals(1, h.flotiq.requests().size());
        assertEquals(0, h.row(receipt.id()).attempts());
        assertEquals("open", h.breaker.state());
    }

    @Test
    void answer_lost_after_the_cms_created_the_entry_still_ends_with_one_object() {
        h.flotiq.failNext(1, Failure.dropAfterCreate());
        Submission s = h.fixtures.contact("Ada");

        Receipt receipt = h.dispatcher().submit(s, List.of());
        h.clock.advance(Duration.ofMinutes(2));
        h.worker().runOnce();

        assertEquals(Outcome.QUEUED, receipt.outcome());
        assertEquals(State.DELIVERED, h.row(s.id()).state());
        assertEquals(2, h.flotiq.requests().size());
        assertEquals(1, h.flotiq.objects(TYPE).size());
    }
}
