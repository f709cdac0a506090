package dev.formgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.App;
import dev.formgate.FormGate;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestGate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code schema pull} against the fake Flotiq: the generated schema accepts and refuses what Flotiq would. */
class SchemaPullCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    FakeFlotiq flotiq;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        flotiq = new FakeFlotiq()
                .contentType("contact_form", Set.of("name", "email", "topic", "message", "consent"))
                .definition("contact_form", fixture("contact_form.ctd.json"))
                .definition("every_field", fixture("every_field.ctd.json"))
                .start();
    }

    @AfterEach
    void tearDown() {
        flotiq.close();
    }

    static JsonNode fixture(String name) throws Exception {
        return JSON.readTree(SchemaPullCommandTest.class.getResourceAsStream("/flotiq/" + name));
    }

    int run(Map<String, String> env, String... args) {
        CommandLine cmd = new CommandLine(new FormGate(env));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    Map<String, String> env() {
        return Map.of("FLOTIQ_API_URL", flotiq.baseUrl().toString(), "FLOTIQ_API_KEY", FakeFlotiq.KEY,
                "FORMGATE_SCHEMAS", tmp.resolve("schemas").toString());
    }

    @Test
    void pulls_a_contact_form_definition_into_a_draft_2020_12_schema() throws Exception {
        int code = run(env(), "schema", "pull", "contact_form", "--out", tmp.resolve("out").toString());

        assertEquals(0, code, err.toString());
        JsonNode written = JSON.readTree(Files.readString(tmp.resolve("out/contact-form.schema.json")));
        assertEquals(fixture("contact-form.expected.schema.json"), written);
        assertTrue(out.toString().contains("contact-form.schema.json"));
        assertEquals(FakeFlotiq.KEY, flotiq.requests().get(0).header("X-AUTH-TOKEN").orElseThrow());
        assertEquals("/api/v1/internal/contenttype/contact_form", flotiq.requests().get(0).path());
    }

    @Test
    void lists_the_fields_a_public_form_cannot_fill() {
        int code = run(env(), "schema", "pull", "every_field");

        assertEquals(0, code, err.toString());
        assertTrue(Files.exists(tmp.resolve("schemas/every-field.schema.json")));
        assertTrue(out.toString().contains("left out:"), out.toString());
        assertTrue(out.toString().contains("(media"), out.toString());
    }

    @Test
    void the_pulled_schema_accepts_what_flotiq_accepts_and_refuses_what_it_would_refuse() throws Exception {
        TestGate gate = new TestGate(tmp.resolve("gate")).cms(flotiq);
        Files.delete(gate.schemas().resolve("contact-form.schema.json"));
        assertEquals(0, run(env(), "schema", "pull", "contact_form", "--out", gate.schemas().toString()), err.toString());

        try (App app = gate.app()) {
            app.javalin().start("127.0.0.1", 0);
            Http http = new Http(app.javalin().port());
            String valid = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"topic\":\"Sales\",\"message\":\"Hi\",\"consent\":true}";

            int accepted = http.json("/forms/contact-form", valid).statusCode();
            int missingConsent = http.json("/forms/contact-form", valid.replace(",\"consent\":true", "")).statusCode();
            int badTopic = http.json("/forms/contact-form", valid.replace("Sales", "Spam")).statusCode();

            assertEquals(201, accepted);
            assertEquals(422, missingConsent);
            assertEquals(422, badTopic);
            assertEquals(1, flotiq.objects("contact_form").size());
        }
    }

    @Test
    void refuses_to_overwrite_and_reports_unknown_types_and_a_missing_key() throws Exception {
        Path dir = tmp.resolve("schemas");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("contact-form.schema.json"), "{}");

        int exists = run(env(), "schema", "pull", "contact_form");
        int unknown = run(env(), "schema", "pull", "no_such_type");
        int noKey = run(Map.of("FLOTIQ_API_URL", flotiq.baseUrl().toString()), "schema", "pull", "contact_form");

        assertEquals(1, exists);
        assertEquals("{}", Files.readString(dir.resolve("contact-form.schema.json")));
        assertEquals(1, unknown);
        assertTrue(err.toString().contains("no_such_type"), err.toString());
        assertEquals(2, noKey);
        assertFalse(err.toString().contains(FakeFlotiq.KEY));
    }
}
