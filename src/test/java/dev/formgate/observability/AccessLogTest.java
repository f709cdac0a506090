package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.App;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-submission log line: what it holds, and what it never holds. */
class AccessLogTest {
    static final String VALID = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Hello from the engine room\"}";

    @TempDir
    Path tmp;

    @Test
    void line_has_request_form_outcome_status_latency_and_a_short_client_hash() {
        AccessLog log = new AccessLog(new byte[] {1, 2, 3});
        SubmissionEvent e = new SubmissionEvent("req-1", Optional.of("contact-form"), SubmissionOutcome.RATE_LIMITED,
                Optional.empty(), 429, Duration.ofMillis(42), "203.0.113.7");

        String line = log.line(e);

        assertTrue(line.matches("submission request=req-1 form=contact-form outcome=rate_limited id=- status=429 ms=42 "
                + "client=[0-9a-f]{12}"), line);
        assertFalse(line.contains("203.0.113.7"));
    }

    @Test
    void unknown_forms_log_a_dash_and_the_same_client_hashes_the_same_within_one_salt_only() {
        AccessLog one = new AccessLog(new byte[] {1});
        AccessLog other = new AccessLog(new byte[] {2});

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
