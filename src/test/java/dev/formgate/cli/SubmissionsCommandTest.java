package dev.formgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.FormGate;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.State;
import dev.formgate.delivery.Submission;
import dev.formgate.testing.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The submissions commands against a real outbox file in a temp data dir, with their output captured. */
class SubmissionsCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    final TestClock clock = new TestClock();
    Outbox outbox;

    /** What one command run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
        }
    }

    @BeforeEach
    void setUp() {
        outbox = Outbox.open(data, clock);
    }

    @AfterEach
    void tearDown() {
        outbox.close();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = FormGate.commandLine(new FormGate(Map.of("FORMGATE_DATA", data.toString()), clock));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private Submission stored(String id, String form, State state) {
        ObjectNode payload = JSON.createObjectNode().put("email", id + "@example.com");
        Submission s = new Submission(id, form, form.replace('-', '_'), payload, clock.instant());
        outbox.store(s, state, List.of());
        clock.advance(Duration.ofSeconds(1));
        return s;
    }

    private void dead(String id, String form, String reason) {
        stored(id, form, State.QUEUED);
        outbox.markDead(id, reason);
    }

    @Test
    void plain_submissions_prints_the_same_json_lines_as_submissions_list() {
        stored("a", "contact-form", State.QUEUED);
        dead("b", "contact-form", "Flotiq rejected the entry (schema drift? HTTP 400): company: This value should not be blank.");

        Run plain = run("submissions");
        Run list = run("submissions", "list");

        assertEquals(0, plain.code(), plain.err());
        assertEquals(list.out(), plain.out());
        assertEquals(2, list.lines().size());
        JsonNode newest = json(list.lines().get(0));
        assertEquals("b", newest.get("id").asText());
        assertEquals("contact-form", newest.get("form").asText());
        assertEquals("dead", newest.get("state").asText());
        assertEquals(1, newest.get("attempts").asInt());
        assertTrue(newest.get("lastError").asText().contains("company"));
        assertEquals("b@example.com", newest.get("payload").get("email").asText());
        assertTrue(json(list.lines().get(1)).get("lastError").isNull());
    }

    @Test
    void list_filters_by_state_and_form_and_limits_the_count() {
        stored("q1", "contact-form", State.QUEUED);
        stored("q2", "newsletter-signup", State.QUEUED);
        stored("q3", "contact-form", State.QUEUED);
        dead("d1", "contact-form", "HTTP 403");

        Run dead = run("submissions", "list", "--state", "dead");
        Run queuedContact = run("submissions", "list", "--state", "QUEUED", "--form", "contact-form");
        Run limited = run("submissions", "--limit", "1");

        assertEquals(List.of("d1"), ids(dead));
        assertEquals(List.of("q3", "q1"), ids(queuedContact));
        assertEquals(List.of("d1"), ids(limited));
    }

    private static List<String> ids(Run run) {
        assertEquals(0, run.code(), run.err());
        return run.lines().stream().map(l -> json(l).get("id").asText()).toList();
    }

    @Test
    void list_refuses_an_unknown_state_or_a_zero_limit_as_usage_errors() {
        Run state = run("submissions", "list", "--state", "lost");
        Run limit = run("submissions", "list", "--limit", "0");

        assertEquals(2, state.code());
        assertTrue(state.err().contains("held|queued|delivered|dead"), state.err());
        assertEquals(2, limit.code());
        assertTrue(limit.err().contains("--limit must be at least 1"), limit.err());
    }

    @Test
    void show_prints_one_submission_as_pretty_json_with_its_payload() {
        dead("d1", "contact-form", "HTTP 401");

        Run show = run("submissions", "show", "d1");

        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("\n  \"id\" : \"d1\""), "pretty printed: " + show.out());
        JsonNode row = json(show.out());
        assertEquals("dead", row.get("state").asText());
        assertEquals("contact_form", row.get("contentType").asText());
        assertEquals("HTTP 401", row.get("lastError").asText());
        assertEquals("d1@example.com", row.get("payload").get("email").asText());
    }

    @Test
    void show_of_an_unknown_id_exits_1_with_a_message() {
        Run show = run("submissions", "show", "nope");

        assertEquals(1, show.code());
        assertTrue(show.err().contains("No submission with id nope"), show.err());
        assertEquals("", show.out());
    }

    @Test
    void retry_requeues_one_submission_by_id_for_delivery_now() {
        dead("d1", "contact-form", "HTTP 403");
        dead("d2", "contact-form", "HTTP 403");

        Run retry = run("submissions", "retry", "d1");

        assertEquals(0, retry.code(), retry.err());
        assertTrue(retry.out().contains("requeued 1 submission"), retry.out());
        assertEquals(State.QUEUED, outbox.find("d1").orElseThrow().state());
        assertEquals(clock.instant(), outbox.find("d1").orElseThrow().nextAttemptAt());
        assertEquals(State.DEAD, outbox.find("d2").orElseThrow().state());
    }

    @Test
    void retry_dead_requeues_every_dead_submission_and_says_how_many() {
        dead("d1", "contact-form", "HTTP 403");
        dead("d2", "newsletter-signup", "HTTP 403");
        stored("q1", "contact-form", State.QUEUED);

        Run retry = run("submissions", "retry", "--dead");

        assertEquals(0, retry.code(), retry.err());
        assertEquals("requeued 2 dead submissions", retry.out().strip());
        assertEquals(3, outbox.stats().queued());
        assertEquals(0, outbox.stats().dead());
    }

    @Test
    void retry_of_an_unknown_or_delivered_id_exits_1_and_needs_exactly_one_target() {
        stored("done", "contact-form", State.QUEUED);
        outbox.markDelivered("done");

        Run delivered = run("submissions", "retry", "done");
        Run unknown = run("submissions", "retry", "nope");
        Run both = run("submissions", "retry", "done", "--dead");
        Run neither = run("submissions", "retry");

        assertEquals(1, delivered.code());
        assertTrue(delivered.err().contains("Nothing requeued"), delivered.err());
        assertEquals(State.DELIVERED, outbox.find("done").orElseThrow().state());
        assertEquals(1, unknown.code());
        assertEquals(2, both.code());
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("Give either an ID or --dead"), neither.err());
    }

    @Test
    void purge_deletes_only_submissions_delivered_before_the_given_age() {
        stored("old", "contact-form", State.QUEUED);
        outbox.markDelivered("old");
        clock.advance(Duration.ofDays(6));
        stored("recent", "contact-form", State.QUEUED);
        outbox.markDelivered("recent");
        stored("waiting", "contact-form", State.QUEUED);
        clock.advance(Duration.ofDays(2));

        Run purge = run("submissions", "purge", "--delivered-before", "7d");

        assertEquals(0, purge.code(), purge.err());
        assertTrue(purge.out().startsWith("purged 1 delivered submissions"), purge.out());
        assertTrue(outbox.find("old").isEmpty());
        assertTrue(outbox.find("recent").isPresent());
        assertTrue(outbox.find("waiting").isPresent());
    }

    @Test
    void purge_needs_an_age_in_the_settings_duration_syntax() {
        Run bad = run("submissions", "purge", "--delivered-before", "a week");
        Run missing = run("submissions", "purge");

        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("7d"), bad.err());
        assertEquals(2, missing.code());
    }

    @Test
    void a_data_dir_without_an_outbox_is_reported_and_not_created() {
        Path elsewhere = data.resolve("typo");
        CommandLine cmd = FormGate.commandLine(new FormGate(Map.of("FORMGATE_DATA", elsewhere.toString()), clock));
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));

        int code = cmd.execute("submissions", "list");

        assertEquals(1, code);
        assertTrue(err.toString().contains("No outbox at"), err.toString());
        assertFalse(elsewhere.toFile().exists());
    }
}
