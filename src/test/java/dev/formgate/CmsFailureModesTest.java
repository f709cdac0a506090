package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.State;
import dev.formgate.delivery.StoredSubmission;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each way the fake Flotiq can fail ends in the right outbox state, and the submitter is answered 202 every time. */
class CmsFailureModesTest {
    @RegisterExtension
    final GateFixture fx = new GateFixture();
    TestClock clock = new TestClock();

    /** Submits VALID through the real App and returns the stored row once {@code settled} holds (bounded wait). */
    private StoredSubmission submit(App app, Predicate<StoredSubmission> settled) throws InterruptedException {
        StoredSubmission[] row = new StoredSubmission[1];
        JavalinTest.test(app.javalin(), (server, client) -> {
            HttpResponse<String> r = new Http(server.port()).json("/forms/contact-form", VALID);

            assertEquals(202, r.statusCode(), r.body());
            assertEquals("queued", json(r).get("status").asText());
            row[0] = awaitRow(app, json(r).get("id").asText(), settled);
        });
        return row[0];
    }

    static StoredSubmission awaitRow(App app, String id, Predicate<StoredSubmission> settled) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        StoredSubmission row = app.outbox().find(id).orElseThrow();
        while (!settled.test(row) && System.nanoTime() < until) {
            Thread.sleep(20); // only the delivered mark is committed after the answer; other results before it
            row = app.outbox().find(id).orElseThrow();
        }
        return row;
    }

    private static void assertQueuedAfterOneFailure(StoredSubmission row, Instant now, String reasonPart) {
        assertEquals(State.QUEUED, row.state());
        assertEquals(1, row.attempts());
        assertTrue(row.lastError().contains(reasonPart), row.lastError());
        assertFalse(row.nextAttemptAt().isBefore(now));
        assertFalse(row.nextAttemptAt().isAfter(now.plusSeconds(5)), "first backoff is at most the 5 s base");
    }

    private static void assertDeadWithoutSecrets(StoredSubmission row) {
        assertEquals(State.DEAD, row.state());
        assertFalse(row.lastError().contains(FakeFlotiq.KEY));
        assertFalse(row.lastError().contains(FakeFlotiq.READ_ONLY_KEY));
        assertFalse(row.lastError().contains("Ada Lovelace"), "submitted values stay out of the reason");
        assertFalse(row.lastError().contains("ada@example.com"));
    }

    @Test
    void unavailable_503_leaves_the_row_queued_for_a_backed_off_retry() throws Exception {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.attempts() == 1);

            assertQueuedAfterOneFailure(row, clock.instant(), "HTTP 503");
            assertTrue(fx.flotiq().objects("contact_form").isEmpty());
        }
    }

    @Test
    void rate_limited_429_is_retried_no_earlier_than_its_retry_after() throws Exception {
        fx.flotiq().failNext(1, FakeFlotiq.Failure.rateLimited("120"));
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.attempts() == 1);
            Instant answeredAt = clock.instant();

            assertEquals(State.QUEUED, row.state());
            assertTrue(row.lastError().contains("429"), row.lastError());
            assertEquals(answeredAt.plusSeconds(120), row.nextAttemptAt());

            clock.advance(Duration.ofSeconds(119));
            app.worker().runOnce();
            assertEquals(State.QUEUED, app.outbox().find(row.id()).orElseThrow().state());
            assertEquals(1, fx.flotiq().requests().size(), "no attempt before Retry-After");

            clock.advance(Duration.ofSeconds(1));
            app.worker().runOnce();
            assertEquals(State.DELIVERED, app.outbox().find(row.id()).orElseThrow().state());
            assertTrue(fx.flotiq().object("contact_form", row.id()).isPresent());
        }
    }

    @Test
    void a_hanging_cms_is_answered_at_the_deadline_and_the_late_timeout_is_recorded() throws Exception {
        fx.flotiq().failAlways(FakeFlotiq.Failure.hang());
        fx.gate().set("FORMGATE_DELIVERY_DEADLINE", "300ms").set("FORMGATE_CMS_TIMEOUT", "1s");
        try (App app = fx.gate().app(clock)) {
            long start = System.nanoTime();
            StoredSubmission row = submit(app, r -> r.attempts() == 1);

            assertQueuedAfterOneFailure(row, clock.instant(), "did not answer within");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
    }

    @Test
    void a_dropped_connection_leaves_the_row_queued() throws Exception {
        fx.flotiq().failAlways(FakeFlotiq.Failure.drop());
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.attempts() == 1);

            assertQueuedAfterOneFailure(row, clock.instant(), "connection failed");
            assertTrue(fx.flotiq().objects("contact_form").isEmpty());
        }
    }

    @Test
    void an_answer_lost_after_the_cms_created_the_entry_is_delivered_once_on_retry() throws Exception {
        fx.flotiq().failNext(1, FakeFlotiq.Failure.dropAfterCreate());
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.attempts() == 1);
            clock.advance(Duration.ofMinutes(1));

            app.worker().runOnce();

            assertEquals(State.DELIVERED, app.outbox().find(row.id()).orElseThrow().state());
            assertEquals(2, fx.flotiq().requests().size(), "the retry reached Flotiq and was told the id is used");
            assertEquals(1, fx.flotiq().objects("contact_form").size());
        }
    }

    @Test
    void schema_drift_400_goes_dead_at_once_with_the_field_named_by_the_cms() throws Exception {
        fx.flotiq().contentType("contact_form", Set.of("name", "email", "message", "company"));
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.state() == State.DEAD);

            assertDeadWithoutSecrets(row);
            assertEquals(1, row.attempts());
            assertTrue(row.lastError().contains("company: This value should not be blank."), row.lastError());
            assertTrue(row.lastError().contains("contact_form"), row.lastError());
        }
    }

    @Test
    void a_wrong_key_401_goes_dead_at_once_without_the_key_in_the_reason() throws Exception {
        fx.gate().set("FLOTIQ_API_KEY", "wrong-key-0000");
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.state() == State.DEAD);

            assertDeadWithoutSecrets(row);
            assertTrue(row.lastError().contains("HTTP 401"), row.lastError());
            assertFalse(row.lastError().contains("wrong-key-0000"));
        }
    }

    @Test
    void a_read_only_key_403_goes_dead_at_once_naming_the_content_type() throws Exception {
        fx.gate().set("FLOTIQ_API_KEY", FakeFlotiq.READ_ONLY_KEY);
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.state() == State.DEAD);

            assertDeadWithoutSecrets(row);
            assertTrue(row.lastError().contains("HTTP 403"), row.lastError());
            assertTrue(row.lastError().contains("create rights on content type contact_form"), row.lastError());
        }
    }

    @Test
    void a_dead_row_is_not_retried_by_the_worker() throws Exception {
        fx.gate().set("FLOTIQ_API_KEY", FakeFlotiq.READ_ONLY_KEY);
        try (App app = fx.gate().app(clock)) {
            StoredSubmission row = submit(app, r -> r.state() == State.DEAD);
            clock.advance(Duration.ofDays(1));

            app.worker().runOnce();

            assertEquals(State.DEAD, app.outbox().find(row.id()).orElseThrow().state());
            assertEquals(1, fx.flotiq().requests().size());
        }
    }

    @Test
    void a_row_still_failing_after_the_max_age_goes_dead_as_too_old() throws Exception {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().set("FORMGATE_RETRY_MAX_AGE", "1h").app(clock)) {
            StoredSubmission row = submit(app, r -> r.attempts() == 1);
            clock.advance(Duration.ofHours(1));

            app.worker().runOnce();

            StoredSubmission after = app.outbox().find(row.id()).orElseThrow();
            assertEquals(State.DEAD, after.state());
            assertTrue(after.lastError().contains("too old"), after.lastError());
        }
    }
}
