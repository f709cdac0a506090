package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formgate.delivery.State;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.javalin.testtools.JavalinTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** A drifted CMS schema puts the entry in dead; the operator sees why and requeues it while the server runs. */
class DeadLetterTest {
    static final Set<String> DRIFTED = Set.of("name", "email", "message", "company");

    @RegisterExtension
    final GateFixture fx = new GateFixture();
    TestClock clock = new TestClock();

    /** Runs a command as a second process would: its own connection to the server's database file. */
    private String command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = FormGate.commandLine(new FormGate(fx.gate().env(), clock));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(0, cmd.execute(args), err.toString());
        return out.toString().strip();
    }

    @Test
    void a_drifted_entry_is_listed_as_dead_with_the_cms_reason_and_delivered_after_retry() {
        fx.flotiq().contentType("contact_form", DRIFTED);
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).json("/forms/contact-form", VALID);
                String id = json(r).get("id").asText();

                String deadList = command("submissions", "list", "--state", "dead");

                assertEquals(202, r.statusCode());
                JsonNode line = MainPathTest.JSON.readTree(deadList);
                assertEquals(id, line.get("id").asText());
                assertEquals("dead", line.get("state").asText());
                assertEquals(1, line.get("attempts").asInt());
                assertTrue(line.get("lastError").asText().contains("company: This value should not be blank."),
                        line.get("lastError").asText());
                assertFalse(line.get("lastError").asText().contains("Ada"));

                fx.flotiq().contentType("contact_form", Set.of("name", "email", "message"));
                String retried = command("submissions", "retry", "--dead");
                app.worker().runOnce();

                assertEquals("requeued 1 dead submissions", retried);
                assertEquals(State.DELIVERED, app.outbox().find(id).orElseThrow().state());
                assertTrue(fx.flotiq().object("contact_form", id).isPresent());
                assertEquals("delivered", MainPathTest.JSON.readTree(command("submissions", "show", id)).get("state").asText());
                assertEquals("", command("submissions", "list", "--state", "dead"));
            });
        }
    }
}
