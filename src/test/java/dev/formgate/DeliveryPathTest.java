package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.State;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestGate;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After the outbox write the submitter always gets success; outages and restarts lose and duplicate nothing. */
class DeliveryPathTest {
    @RegisterExtension
    final GateFixture fx = new GateFixture();

    @Test
    void cms_outage_is_answered_202_and_delivered_once_when_it_recovers() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).json("/forms/contact-form", VALID);
                String id = json(r).get("id").asText();
                assertEquals(202, r.statusCode(), r.body());
                assertEquals("queued", json(r).get("status").asText());
                assertTrue(fx.flotiq().objects("contact_form").isEmpty());

                fx.flotiq().clearFailures();
                app.outbox().requeue(id);
                app.worker().runOnce();
                app.worker().runOnce();

                assertEquals(1, fx.flotiq().objects("contact_form").size());
                assertTrue(fx.flotiq().object("contact_form", id).isPresent());
                assertEquals(State.DELIVERED, app.outbox().find(id).orElseThrow().state());
            });
        }
    }

    @Test
    void queued_submissions_survive_a_restart_and_are_delivered_exactly_once() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        String[] id = new String[1];
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) ->
                    id[0] = json(new Http(server.port()).json("/forms/contact-form", VALID)).get("id").asText());
        }
        fx.flotiq().clearFailures();

        try (App restarted = fx.gate().app()) {
            restarted.outbox().requeue(id[0]);
            restarted.worker().runOnce();
            restarted.worker().runOnce();

            assertEquals(1, fx.flotiq().objects("contact_form").size());
            assertEquals(State.DELIVERED, restarted.outbox().find(id[0]).orElseThrow().state());
        }
    }

    @Test
    void local_mode_holds_submissions_and_delivers_them_once_a_key_is_configured() {
        TestGate local = new TestGate(fx.tmp().resolve("local")).set("FLOTIQ_API_URL", fx.flotiq().baseUrl().toString());
        String[] id = new String[1];
        try (App app = local.app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                HttpResponse<String> r = http.json("/forms/contact-form", VALID);
                HttpResponse<String> demo = http.get("/");

                assertEquals(202, r.statusCode());
                id[0] = json(r).get("id").asText();
                assertEquals(State.HELD, app.outbox().find(id[0]).orElseThrow().state());
                assertTrue(demo.body().contains("action=\"/forms/contact-form\""));
                assertTrue(demo.body().contains("type=\"email\""));
                assertTrue(demo.body().contains("Local mode"));
                assertTrue(demo.body().contains("<option value=\"monthly\" selected>"), "the schema default is preselected");
            });
        }
        assertTrue(fx.flotiq().requests().isEmpty());

        try (App delivering = local.set("FLOTIQ_API_KEY", FakeFlotiq.KEY).app()) {
            delivering.worker().runOnce();

            assertTrue(fx.flotiq().object("contact_form", id[0]).isPresent());
        }
    }

    @Test
    void the_key_never_appears_in_logs_even_when_flotiq_refuses_it() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        // Not JavalinTest: it captures System.err itself, and this test reads what the App logs.
        try (App app = fx.gate().set("FLOTIQ_API_KEY", FakeFlotiq.READ_ONLY_KEY).app()) {
            app.javalin().start("127.0.0.1", 0);
            HttpResponse<String> r = new Http(app.javalin().port()).json("/forms/contact-form", VALID);

            assertEquals(202, r.statusCode());
            assertFalse(r.body().contains(FakeFlotiq.READ_ONLY_KEY));
            assertEquals(State.DEAD, app.outbox().find(json(r).get("id").asText()).orElseThrow().state());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("contact_form"), "the log names the content type: " + logs);
        assertFalse(logs.contains(FakeFlotiq.READ_ONLY_KEY));
        assertFalse(logs.contains("Ada Lovelace"), "submitted values stay out of logs");
    }
}
