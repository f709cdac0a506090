package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /ready reports the delivery backlog and the breaker, and 503 once the store cannot take writes. */
class ReadinessTest {
    @RegisterExtension
    final GateFixture fx = new GateFixture();
    TestClock clock = new TestClock();

    @Test
    void ready_reports_queued_dead_the_oldest_queued_age_and_the_breaker() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                fx.flotiq().failNext(2, FakeFlotiq.Failure.unavailable());
                http.json("/forms/contact-form", VALID);
                http.json("/forms/contact-form", VALID);
                fx.flotiq().contentType("contact_form", Set.of("name", "email", "message", "company"));
                http.json("/forms/contact-form", VALID);
                clock.advance(Duration.ofSeconds(90));

                HttpResponse<String> r = http.get("/ready");

                assertEquals(200, r.statusCode(), r.body());
                assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
                JsonNode body = json(r);
                assertEquals("ready", body.get("status").asText());
                assertEquals(2, body.get("queued").asInt());
                assertEquals(1, body.get("dead").asInt());
                assertEquals(90, body.get("oldestQueuedAgeSeconds").asInt());
                assertEquals("closed", body.get("cmsBreaker").asText());
            });
        }
    }

    @Test
    void ready_shows_an_open_breaker_while_still_ready_to_store() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                for (int i = 0; i < 5; i++) {
                    http.json("/forms/contact-form", VALID);
                }

                HttpResponse<String> r = http.get("/ready");

                assertEquals(200, r.statusCode(), r.body());
                assertEquals("open", json(r).get("cmsBreaker").asText());
                assertEquals(5, json(r).get("queued").asInt());
            });
        }
    }

    @Test
    void ready_answers_503_with_json_when_the_store_cannot_take_writes() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                assertEquals(200, http.get("/ready").statusCode());
                app.outbox().close();

                HttpResponse<String> r = http.get("/ready");
                HttpResponse<String> submit = http.json("/forms/contact-form", VALID);

                assertEquals(503, r.statusCode(), r.body());
                assertEquals("closed", json(r).get("cmsBreaker").asText());
                assertEquals(false, json(r).get("status").asText().equals("ready"));
                assertEquals(503, submit.statusCode(), "no success answer without a durable write");
                assertEquals(200, http.get("/health").statusCode(), "liveness is not readiness");
            });
        }
    }
}
