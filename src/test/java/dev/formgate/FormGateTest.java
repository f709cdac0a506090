package dev.formgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server command: it starts from the given environment and logs the summary {@code check} prints. */
class FormGateTest {
    static final String KEY = "startup-flotiq-key-VALUE";

    @TempDir
    Path tmp;

    @Test
    void server_start_logs_the_check_summary_with_secrets_only_as_set() {
        Map<String, String> env = new HashMap<>(new TestGate(tmp).env());
        env.put("FORMGATE_HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(freePort()));
        env.put("FLOTIQ_API_KEY", KEY);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

        int health;
        try (App app = new FormGate(env).serve()) {
            health = new Http(app.javalin().port()).get("/health").statusCode();
        } finally {
            System.setErr(original);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertEquals(200, health);
        assertTrue(logs.contains("FormGate configuration"), logs);
        assertTrue(logs.contains("form contact-form ("), logs);
        assertTrue(logs.contains("CMS key FLOTIQ_API_KEY set"), logs);
        assertTrue(logs.contains("WARN dev.formgate.FormGate - form contact-form allows no origin"), logs);
        assertFalse(logs.contains(KEY));
        assertFalse(logs.contains(FakeFlotiq.KEY));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
