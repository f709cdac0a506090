package dev.formgate;

import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.State;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hanging CMS: the first answers wait at most the delivery deadline, then the breaker opens and answers are
 * immediate; the worker probes after the cool-down (injected clock) and delivers everything on recovery.
 */
class BreakerPathTest {
    static final Duration DEADLINE = Duration.ofMillis(400);
    static final int THRESHOLD = 5; // App's breaker opens after five consecutive failures

    @RegisterExtension
    final GateFixture fx = new GateFixture()
            .set("FORMGATE_DELIVERY_DEADLINE", DEADLINE.toMillis() + "ms")
            .set("FORMGATE_CMS_TIMEOUT", "30s"); // the hang outlives the deadline: only the deadline protects the answer
    TestClock clock = new TestClock();

    private static String body(int n) {
        return "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Message number " + n + "\"}";
    }

    @Test
    void while_the_cms_hangs_answers_stay_fast_and_everything_is_delivered_on_recovery() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.hang());
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                List<String> ids = new ArrayList<>();
                List<Long> elapsedMillis = new ArrayList<>();

                for (int n = 0; n < THRESHOLD + 10; n++) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = http.json("/forms/contact-form", body(n));
                    elapsedMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                    assertEquals(202, r.statusCode(), r.body());
                    ids.add(json(r).get("id").asText());
                }

                for (int n = 0; n < THRESHOLD; n++) {
                    long ms = elapsedMillis.get(n);
                    assertTrue(ms >= DEADLINE.toMillis() - 50 && ms < DEADLINE.toMillis() + 600,
                            "answer " + n + " waited about the deadline, took " + ms + " ms");
                }
                for (int n = THRESHOLD; n < ids.size(); n++) {
                    assertTrue(elapsedMillis.get(n) < 1000, "answer " + n + " with the breaker open took "
                            + elapsedMillis.get(n) + " ms");
                }
                assertEquals(THRESHOLD, fx.flotiq().requests().size(), "no request path attempt while the breaker is open");
                assertTrue(json(http.get("/ready")).get("cmsBreaker").asText().equals("open"));

                clock.advance(Duration.ofSeconds(10));
                app.worker().runOnce();
                assertEquals(THRESHOLD, fx.flotiq().requests().size(), "the worker waits for the cool-down too");

                fx.flotiq().clearFailures();
                for (int n = 0; n < THRESHOLD; n++) {
                    CmsFailureModesTest.awaitRow(app, ids.get(n), row -> row.attempts() == 1);
                }
                clock.advance(Duration.ofHours(1));
                app.worker().runOnce();

                for (String id : ids) {
                    assertEquals(State.DELIVERED, app.outbox().find(id).orElseThrow().state(), id);
                    assertTrue(fx.flotiq().object("contact_form", id).isPresent(), id);
                }
                assertEquals(ids.size(), fx.flotiq().objects("contact_form").size());
                assertEquals("closed", json(http.get("/ready")).get("cmsBreaker").asText());
            });
        }
    }

    @Test
    void a_failed_half_open_probe_opens_the_breaker_again() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                for (int n = 0; n < THRESHOLD + 2; n++) {
                    http.json("/forms/contact-form", body(n));
                }
                int beforeProbe = fx.flotiq().requests().size();
                clock.advance(Duration.ofSeconds(31));

                app.worker().runOnce();

                assertEquals(THRESHOLD, beforeProbe);
                assertEquals(THRESHOLD + 1, fx.flotiq().requests().size(), "half-open lets exactly one probe through");
                assertEquals("open", json(http.get("/ready")).get("cmsBreaker").asText());
                assertEquals(THRESHOLD + 2, app.stats().queued());
            });
        }
    }
}
