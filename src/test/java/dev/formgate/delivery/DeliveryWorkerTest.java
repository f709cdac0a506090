package dev.formgate.delivery;

import static dev.formgate.delivery.Fixtures.TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.Eventually;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.FakeFlotiq.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryWorkerTest {
    @RegisterExtension
    final Harness h = new Harness();

    private List<String> queue(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Submission s = h.fixtures.contact("Person" + i);
            h.outbox.store(s, State.QUEUED, List.of());
            ids.add(s.id());
        }
        return ids;
    }

    @Test
    void restart_with_queued_rows_delivers_each_exactly_once() {
        h.flotiq.failAlways(Failure.unavailable());
        Dispatcher dispatcher = h.dispatcher();
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Ada", "Bob", "Cy")) {
            ids.add(dispatcher.submit(h.fixtures.contact(name), List.of()).id());
        }

        h.restart();
        h.flotiq.clearFailures();
        h.clock.advance(Duration.ofMinutes(2));
        DeliveryWorker worker = h.worker();
        int attempted = worker.runOnce();

        assertEquals(3, attempted);
        for (String id : ids) {
            assertEquals(State.DELIVERED, h.row(id).state());
        }
        assertEquals(0, worker.runOnce());
        assertEquals(3, h.flotiq.objects(TYPE).size());
    }

    @Test
    void rate_limit_pushes_the_next_attempt_past_retry_after() {
        String id = queue(1).get(0);
        h.flotiq.failNext(1, Failure.rateLimited("120"));

        h.worker().runOnce();

        StoredSubmission row = h.row(id);
        assertEquals(State.QUEUED, row.state());
        assertTrue(!row.nextAttemptAt().isBefore(h.clock.instant().plusSeconds(120)), row.nextAttemptAt().toString());
    }

    @Test
    void breaker_opening_mid_run_stops_further_attempts() {
        h.breaker = new CircuitBreaker(2, Duration.ofSeconds(30), h.clock);
        queue(5);
        h.flotiq.failAlways(Failure.unavailable());

        int attempted = h.worker().runOnce();

        assertEquals(2, attempted);
        assertEquals(2, h.flotiq.requests().size());
        assertEquals("open", h.breaker.state());
    }

    @Test
    void open_breaker_lets_one_probe_through_and_a_good_probe_drains_the_rest() {
        h.breaker = new CircuitBreaker(1, Duration.ofSeconds(30), h.clock);
        h.breaker.onFailure();
        queue(3);
        h.clock.advance(Duration.ofSeconds(30));
        DeliveryWorker worker = h.worker();

        h.flotiq.failAlways(Failure.unavailable());
        int failedProbe = worker.runOnce();
        h.flotiq.clearFailures();
        int whileOpen = worker.runOnce();
        h.clock.advance(Duration.ofMinutes(2));
        int afterCoolDown = worker.runOnce();

        assertEquals(1, failedProbe);
        assertEquals(0, whileOpen);
        assertEquals(3, afterCoolDown, "a good probe closes the breaker and the run goes on");
        assertEquals("closed", h.breaker.state());
        assertEquals(3, h.flotiq.objects(TYPE).size());
    }

    @Test
    void submission_older_than_max_age_is_dead_after_its_last_failure() {
        String id = queue(1).get(0);
        h.flotiq.failAlways(Failure.unavailable());
        h.clock.advance(Duration.ofDays(2));

        h.worker().runOnce();

        StoredSubmission row = h.row(id);
        assertEquals(State.DEAD, row.state());
        assertTrue(row.lastError().contains("too old"), row.lastError());
    }

    @Test
    void delivered_rows_are_purged_after_the_retention() {
        String old = queue(1).get(0);
        DeliveryWorker worker = new DeliveryWorker(h.outbox, h.cms, h.breaker, h.retry, h.clock, Duration.ofHours(1), Duration.ofDays(7));
        worker.runOnce();
        h.clock.advance(Duration.ofDays(3));
        String recent = queue(1).get(0);
        worker.runOnce();
        h.clock.advance(Duration.ofDays(5));

        worker.runOnce();

        assertTrue(h.outbox.find(old).isEmpty(), "delivered 8 days ago");
        assertEquals(State.DELIVERED, h.row(recent).state());
    }

    @Test
    void queued_row_of_a_form_that_lost_its_key_goes_back_to_held() {
        String id = queue(1).get(0);
        h.cms = h.flotiq(Map.of());

        int attempted = h.worker().runOnce();

        assertEquals(0, attempted);
        assertEquals(State.HELD, h.row(id).state());
        assertTrue(h.flotiq.requests().isEmpty());
    }

    @Test
    void start_releases_held_rows_once_the_form_has_a_key_and_delivers_them() throws Exception {
        h.cms = h.flotiq(Map.of());
        Submission s = h.fixtures.contact("Ada");
        assertEquals(Outcome.HELD, h.dispatcher().submit(s, List.of()).outcome());
        h.cms = h.flotiq(Map.of("FLOTIQ_API_KEY_CONTACT_FORM", FakeFlotiq.KEY));

        try (DeliveryWorker worker = h.worker()) {
            worker.start();

            Eventually.until(() -> h.row(s.id()).state() == State.DELIVERED);
        }
        assertEquals(1, h.flotiq.objects(TYPE).size());
    }
}
