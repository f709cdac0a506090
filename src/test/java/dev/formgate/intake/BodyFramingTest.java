package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.App;
import dev.formgate.testing.Eventually;
import dev.formgate.testing.GateFixture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a body arrives: with a small Content-Length it is read into one array of exactly that size, a large or chunked
 * one as it arrives up to the form's limit; a body cut short of what it declared is refused and stores nothing.
 */
class BodyFramingTest {
    static final String VALID = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Hello from the engine room\"}";

    @RegisterExtension
    final GateFixture fx = new GateFixture();

    @Test
    void a_declared_body_is_read_whole_and_delivered() throws Exception {
        try (App app = started()) {
            String answer = exchange(app, head(VALID.length()) + VALID, false);

            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            Eventually.until(() -> fx.flotiq().objects("contact_form").size() == 1);
            assertEquals("Ada Lovelace", fx.flotiq().objects("contact_form").get(0).get("name").asText());
        }
    }

    @Test
    void a_declared_body_larger_than_the_exact_read_size_is_read_whole_as_it_arrives() throws Exception {
        String large = padded(BodyReader.EXACT_READ_MAX + 5_000);
        try (App app = started()) {
            String answer = exchange(app, head(large.length()) + large, false);

            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            Eventually.until(() -> fx.flotiq().objects("contact_form").size() == 1);
        }
    }

    @Test
    void a_large_declared_body_cut_short_is_refused_and_stores_nothing() throws Exception {
        String large = padded(BodyReader.EXACT_READ_MAX + 5_000);
        try (App app = started()) {
            String answer = exchange(app, head(large.length() + 100) + large, true);

            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
            assertEquals(0, app.stats().queued() + app.stats().held() + app.stats().delivered());
            assertTrue(fx.flotiq().requests().isEmpty());
        }
    }

    @Test
    void a_chunked_body_at_the_limit_is_accepted_and_one_byte_over_is_refused() throws Exception {
        String atLimit = padded(1024);
        try (App app = fx.gate().set("FORMGATE_MAX_BODY_BYTES", "1024").app()) {
            app.javalin().start("127.0.0.1", 0);

            String ok = exchange(app, chunked(atLimit), false);
            String over = exchange(app, chunked(padded(1025)), false);

            assertTrue(ok.startsWith("HTTP/1.1 201"), ok);
            assertTrue(over.startsWith("HTTP/1.1 413"), over);
            assertTrue(over.contains("too-large"), over);
            Eventually.until(() -> fx.flotiq().objects("contact_form").size() == 1);
        }
    }

    @Test
    void a_body_shorter_than_its_content_length_is_refused_and_stores_nothing() throws Exception {
        try (App app = started()) {
            String answer = exchange(app, head(VALID.length() + 40) + VALID, true);

            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
            assertEquals(0, app.stats().queued() + app.stats().held() + app.stats().delivered());
            assertTrue(fx.flotiq().requests().isEmpty());
        }
    }

    @Test
    void a_refusal_before_the_body_arrived_tells_the_client_the_connection_closes() throws Exception {
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            String head = head(VALID.length()).replace("/forms/contact-form", "/forms/nope").replace("Connection: close\r\n", "");
            s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8)); // the body never follows

            String answer = answer(s.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        }
    }

    @Test
    void a_refusal_whose_body_arrived_keeps_the_connection_for_the_next_submission() throws Exception {
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            String keepAlive = head(VALID.length()).replace("Connection: close\r\n", "");
            OutputStream out = s.getOutputStream();
            out.write((keepAlive.replace("/forms/contact-form", "/forms/nope") + VALID).getBytes(StandardCharsets.UTF_8));

            String refused = answer(s.getInputStream());
            out.write((keepAlive + VALID).getBytes(StandardCharsets.UTF_8));
            String created = answer(s.getInputStream());

            assertTrue(refused.startsWith("HTTP/1.1 404"), refused);
            assertTrue(created.startsWith("HTTP/1.1 201"), created);
        }
    }

    @Test
    void a_body_that_arrives_after_its_head_is_read_as_it_comes() throws Exception {
        // the head and the start of the body are taken where the request was parsed; the rest arrives 200 ms later
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            int cut = VALID.indexOf("Lovelace");
            out.write((head(VALID.length()) + VALID.substring(0, cut)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            out.write(VALID.substring(cut).getBytes(StandardCharsets.UTF_8));

            String answer = answer(s.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            Eventually.until(() -> fx.flotiq().objects("contact_form").size() == 1);
            assertEquals("Ada Lovelace", fx.flotiq().objects("contact_form").get(0).get("name").asText());
            assertEquals("Hello from the engine room", fx.flotiq().objects("contact_form").get(0).get("message").asText());
        }
    }

    @Test
    void an_invalid_body_that_arrives_late_is_refused_with_what_was_wrong() throws Exception {
        String invalid = "{\"name\":\"Ada\",\"email\":\"not-an-address\",\"message\":\"Hello from the engine room\"}";
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head(invalid.length()).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
            out.write(invalid.getBytes(StandardCharsets.UTF_8));

            String answer = answer(s.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 422"), answer);
            assertTrue(answer.contains("\"email\""), answer);
            assertEquals(0, app.stats().queued() + app.stats().held() + app.stats().delivered());
        }
    }

    @Test
    void a_client_that_waits_for_100_continue_gets_it_and_its_submission_is_stored() throws Exception {
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(head(VALID.length()).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            String interim = answer(s.getInputStream());
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
            String answer = answer(s.getInputStream());

            assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            Eventually.until(() -> fx.flotiq().objects("contact_form").size() == 1);
        }
    }

    @Test
    void a_refusal_that_needs_no_body_does_not_ask_for_it_with_100_continue() throws Exception {
        try (App app = started(); Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head(VALID.length()).replace("application/json\r\nAccept", "text/plain\r\nAccept")
                    .replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.UTF_8));

            String answer = answer(s.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 415"), answer);
        }
    }

    /** One answer from a kept-alive connection: its header block and the body its Content-Length declares. */
    private static String answer(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new java.io.EOFException("connection closed after: " + head);
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)").matcher(text);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return text + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private App started() {
        App app = fx.gate().app();
        app.javalin().start("127.0.0.1", 0);
        return app;
    }

    /** A valid submission padded with spaces inside the JSON to exactly {@code size} bytes. */
    private static String padded(int size) {
        return VALID.substring(0, VALID.length() - 1) + " ".repeat(size - VALID.length()) + "}";
    }

    private static String head(int contentLength) {
        return "POST /forms/contact-form HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static String chunked(String body) {
        int half = body.length() / 2;
        return "POST /forms/contact-form HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n"
                + Integer.toHexString(body.length() - half) + "\r\n" + body.substring(half) + "\r\n0\r\n\r\n";
    }

    /** Sends {@code request} (closing the sending side after it when {@code halfClose}) and reads the answer. */
    private static String exchange(App app, String request, boolean halfClose) throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.javalin().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                in.transferTo(got);
            } catch (java.net.SocketException reset) {
                // the server may reset a connection it refused; what arrived before counts
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
