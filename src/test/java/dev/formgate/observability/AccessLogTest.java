package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.formgate.App;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.intake.SubmissionEvent;
import dev.formgate.intake.SubmissionOutcome;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestGate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-submission log line: what it holds, and what it never holds. */
class AccessLogTest {
    static final String VALID = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Hello from the engine room\"}";

    @TempDir
    Path tmp;

    @Test
    void line_has_request_form_outcome_status_latency_and_a_short_client_hash() {
        AccessLog log = new AccessLog(new byte[] {1, 2, 3}, 50);
        SubmissionEvent e = new SubmissionEvent("req-1", Optional.of("contact-form"), SubmissionOutcome.RATE_LIMITED,
                Optional.empty(), 429, Duration.ofMillis(42), "203.0.113.7");

        String line = log.line(e);

        assertTrue(line.matches("submission request=req-1 form=contact-form outcome=rate_limited id=- status=429 ms=42 "
                + "client=[0-9a-f]{12}"), line);
        assertFalse(line.contains("203.0.113.7"));
    }

    @Test
    void unknown_forms_log_a_dash_and_the_same_client_hashes_the_same_within_one_salt_only() {
        AccessLog one = new AccessLog(new byte[] {1}, 50);
        AccessLog other = new AccessLog(new byte[] {2}, 50);

        String line = one.line(new SubmissionEvent("r", Optional.empty(), SubmissionOutcome.NOT_FOUND, Optional.empty(), 404,
                Duration.ZERO, "198.51.100.1"));

        assertTrue(line.contains(" form=- outcome=not_found id=- status=404 "), line);
        assertEquals(one.clientHash("198.51.100.1"), one.clientHash("198.51.100.1"));
        assertNotEquals(one.clientHash("198.51.100.1"), one.clientHash("198.51.100.2"));
        assertNotEquals(one.clientHash("198.51.100.1"), other.clientHash("198.51.100.1"));
    }

    @Test
    void app_logs_one_line_per_submission_with_the_request_id_and_never_values_keys_or_addresses() {
        String logs;
        String[] ids = new String[1];
        try (FakeFlotiq flotiq = TestGate.flotiq()) {
            logs = captureStderr(() -> {
                // Not JavalinTest: it captures System.err itself, and this test reads what the App logs.
                try (App app = new TestGate(tmp).cms(flotiq).app()) {
                    app.javalin().start("127.0.0.1", 0);
                    Http http = new Http(app.javalin().port());
                    var created = http.json("/forms/contact-form", VALID, "X-Request-Id", "req-abc-123");
                    assertEquals(201, created.statusCode());
                    ids[0] = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                    assertEquals(422, http.form("/forms/contact-form", "email=grace%40example.com",
                            "X-Request-Id", "req-def-456").statusCode());
                    assertEquals(404, http.json("/api/v1/content/nope", VALID, "X-Request-Id", "req-ghi-789").statusCode());
                }
            });
        }

        List<String> lines = logs.lines().filter(l -> l.contains(AccessLog.LOGGER)).toList();
        assertEquals(3, lines.size(), logs);
        assertTrue(lines.get(0).contains("submission request=req-abc-123 form=contact-form outcome=delivered id=" + ids[0] + " status=201 ms="), lines.get(0));
        assertTrue(lines.get(1).contains("request=req-def-456 form=contact-form outcome=invalid id=- status=422"), lines.get(1));
        assertTrue(lines.get(2).contains("request=req-ghi-789 form=- outcome=not_found id=- status=404"), lines.get(2));
        assertFalse(logs.contains("ada@example.com"));
        assertFalse(logs.contains("grace@example.com"));
        assertFalse(logs.contains("Ada Lovelace"));
        assertFalse(logs.contains(FakeFlotiq.KEY));
        assertFalse(String.join("\n", lines).contains("127.0.0.1"), "the client address is hashed");
    }

    private static SubmissionEvent event(SubmissionOutcome outcome, int status) {
        return new SubmissionEvent("r", Optional.of("contact-form"), outcome,
                outcome.refusal() ? Optional.empty() : Optional.of("01abc"), status, Duration.ofMillis(1), "203.0.113.7");
    }

    @Test
    void refusals_over_the_limit_in_one_second_are_counted_and_reported_with_the_first_line_of_a_later_second() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        List<String> lines = new ArrayList<>();
        AccessLog log = new AccessLog(new byte[] {1}, 3, nanos::get, lines::add);

        for (int i = 0; i < 10; i++) log.finished(event(SubmissionOutcome.NOT_FOUND, 404));
        log.finished(event(SubmissionOutcome.FORBIDDEN, 403));
        log.finished(event(SubmissionOutcome.DELIVERED, 201)); // stored: always logged, not counted
        nanos.addAndGet(999_000_000L); // still the same second
        log.finished(event(SubmissionOutcome.INVALID, 422));

        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals(3, lines.stream().filter(l -> l.contains("outcome=not_found")).count());
        assertTrue(lines.get(3).contains("outcome=delivered"), lines.get(3));

        nanos.addAndGet(2_000_000_000L);
        log.finished(event(SubmissionOutcome.RATE_LIMITED, 429));

        assertEquals("refusals not logged: 9 over the limit of 3 a second (invalid=1 forbidden=1 not_found=7); "
                + "every one is counted in formgate_submissions_total", lines.get(4));
        assertTrue(lines.get(5).contains("outcome=rate_limited"), lines.get(5));
        log.reportLeftOut();
        assertEquals(6, lines.size(), "nothing left out since the last report: no line");
    }

    @Test
    void a_limit_of_zero_logs_no_refusal_but_every_stored_submission_and_failure_and_the_count_at_stop() {
        List<String> lines = new ArrayList<>();
        AccessLog log = new AccessLog(new byte[] {1}, 0, () -> 0L, lines::add);

        log.finished(event(SubmissionOutcome.SPAM, 201));
        log.finished(event(SubmissionOutcome.TOO_LARGE, 413));
        log.finished(event(SubmissionOutcome.QUEUED, 202));
        log.finished(event(SubmissionOutcome.UNAVAILABLE, 503));
        log.reportLeftOut();

        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("outcome=queued"), lines.get(0));
        assertTrue(lines.get(1).contains("outcome=unavailable"), lines.get(1));
        assertTrue(lines.get(2).startsWith("refusals not logged: 2 over the limit of 0 a second (spam=1 too_large=1)"),
                lines.get(2));
    }

    @Test
    void app_logs_refusals_within_the_configured_limit_and_counts_the_rest_at_stop() {
        String logs;
        try (FakeFlotiq flotiq = TestGate.flotiq()) {
            logs = captureStderr(() -> {
                try (App app = new TestGate(tmp).cms(flotiq).set("FORMGATE_LOG_REFUSALS_PER_SECOND", "0").app()) {
                    app.javalin().start("127.0.0.1", 0);
                    Http http = new Http(app.javalin().port());
                    for (int i = 0; i < 5; i++) assertEquals(404, http.json("/api/v1/content/nope", VALID).statusCode());
                    assertEquals(201, http.json("/forms/contact-form", VALID).statusCode());
                }
            });
        }

        // the count is reported at the first event of a later second and at stop, so where the requests cross a
        // second, the five are told in two reports and the delivered line may come after the first
        List<String> lines = logs.lines().filter(l -> l.contains(AccessLog.LOGGER)).toList();
        List<String> delivered = lines.stream().filter(l -> l.contains("outcome=delivered")).toList();
        List<String> reports = lines.stream().filter(l -> l.contains("refusals not logged: ")).toList();
        assertEquals(1, delivered.size(), logs);
        assertEquals(lines.size(), delivered.size() + reports.size(), "no refusal has a line of its own: " + logs);
        java.util.regex.Pattern report = java.util.regex.Pattern.compile(
                "refusals not logged: (\\d+) over the limit of 0 a second \\(not_found=\\1\\)");
        int counted = 0;
        for (String r : reports) {
            java.util.regex.Matcher m = report.matcher(r);
            assertTrue(m.find(), r);
            counted += Integer.parseInt(m.group(1));
        }
        assertEquals(5, counted, logs);
    }

    @Test
    void the_limit_is_a_whole_number_from_zero() {
        assertEquals(50, EnvSettings.load(Map.of()).refusalLogLimit());
        ConfigException e = assertThrows(ConfigException.class,
                () -> EnvSettings.load(Map.of("FORMGATE_LOG_REFUSALS_PER_SECOND", "-1")));
        assertTrue(e.getMessage().contains("environment FORMGATE_LOG_REFUSALS_PER_SECOND: -1 is out of range; use 0..1000000"),
                e.getMessage());
    }

    static String captureStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
