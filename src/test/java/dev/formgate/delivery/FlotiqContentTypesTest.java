package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formgate.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlotiqContentTypesTest {

    private static final String READ_KEY = "read-only-key-7f3a";
    private static final String SCOPED_KEY = "scoped-key-without-ctd-access-91c2";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer flotiq;
    private URI baseUrl;

    /** A fake Flotiq that knows one content type and checks X-AUTH-TOKEN like the real one. */
    @BeforeEach
    void startFakeFlotiq() throws IOException {
        flotiq = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        flotiq.createContext("/api/v1/internal/contenttype/", this::serve);
        flotiq.start();
        baseUrl = URI.create("http://127.0.0.1:" + flotiq.getAddress().getPort());
    }

    @AfterEach
    void stopFakeFlotiq() {
        flotiq.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-AUTH-TOKEN");
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path + " key=" + key);
        if (READ_KEY.equals(key) && path.equals("/api/v1/internal/contenttype/contact_form")) {
            answer(exchange, 200, fixture("contact_form.ctd.json"));
        } else if (READ_KEY.equals(key) && path.equals("/api/v1/internal/contenttype/broken")) {
            answer(exchange, 200, "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));
        } else if (READ_KEY.equals(key) && path.equals("/api/v1/internal/contenttype/flaky")) {
            answer(exchange, 503, "{\"code\":503}".getBytes(StandardCharsets.UTF_8));
        } else if (READ_KEY.equals(key)) {
            answer(exchange, 404, "{\"code\":404,\"massage\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
        } else if (SCOPED_KEY.equals(key)) {
            answer(exchange, 403, "{\"code\":403,\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
        } else {
            answer(exchange, 401, "{\"code\":401,\"massage\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fetches_a_content_type_definition_with_the_key_in_the_auth_header() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(READ_KEY));

        JsonNode ctd = contentTypes.fetch("contact_form");

        assertEquals("contact_form", ctd.path("name").asText());
        assertEquals("Contact form", ctd.path("label").asText());
        assertEquals(List.of("GET /api/v1/internal/contenttype/contact_form key=" + READ_KEY), requests);
    }

    @Test
    void accepts_a_base_url_with_a_trailing_slash() {
        FlotiqContentTypes contentTypes =
                new FlotiqContentTypes(http, URI.create(baseUrl + "/"), new Secret(READ_KEY));

        JsonNode ctd = contentTypes.fetch("contact_form");

        assertEquals("contact_form", ctd.path("name").asText());
        assertEquals(List.of("GET /api/v1/internal/contenttype/contact_form key=" + READ_KEY), requests);
    }

    @Test
    void reports_an_unknown_content_type_as_not_found() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(READ_KEY));

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> contentTypes.fetch("job_application"));

        assertEquals("content type job_application not found", error.getMessage());
    }

    @Test
    void reports_a_wrong_key_without_printing_it() {
        String wrongKey = "wrong-key-0d44e1";
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(wrongKey));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> contentTypes.fetch("contact_form"));

        assertTrue(error.getMessage().contains("401"), error.getMessage());
        assertTrue(error.getMessage().contains("FLOTIQ_API_KEY"), error.getMessage());
        assertFalse(error.getMessage().contains(wrongKey), error.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void reports_a_key_that_may_not_read_definitions_without_printing_it() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(SCOPED_KEY));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> contentTypes.fetch("contact_form"));

        assertTrue(error.getMessage().contains("403"), error.getMessage());
        assertTrue(error.getMessage().contains("read-only application key"), error.getMessage());
        assertFalse(error.getMessage().contains(SCOPED_KEY), error.getMessage());
    }

    @Test
    void reports_a_server_error_with_its_status() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(READ_KEY));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> contentTypes.fetch("flaky"));

        assertTrue(error.getMessage().contains("HTTP 503"), error.getMessage());
    }

    @Test
    void reports_a_body_that_is_not_json() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(READ_KEY));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> contentTypes.fetch("broken"));

        assertTrue(error.getMessage().contains("not JSON"), error.getMessage());
    }

    @Test
    void reports_an_unreachable_flotiq_without_printing_the_key() {
        URI closedPort = baseUrl;
        flotiq.stop(0);
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, closedPort, new Secret(READ_KEY));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> contentTypes.fetch("contact_form"));

        assertTrue(error.getMessage().contains("could not reach Flotiq"), error.getMessage());
        assertFalse(error.getMessage().contains(READ_KEY), error.getMessage());
    }

    @Test
    void refuses_a_name_that_is_not_a_single_content_type_name_without_calling_flotiq() {
        FlotiqContentTypes contentTypes = new FlotiqContentTypes(http, baseUrl, new Secret(READ_KEY));

        assertThrows(IllegalArgumentException.class, () -> contentTypes.fetch("../../v1/content/contact_form"));
        assertThrows(IllegalArgumentException.class, () -> contentTypes.fetch("Contact form"));

        assertEquals(List.of(), requests);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FlotiqContentTypesTest.class.getResourceAsStream("/flotiq/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /flotiq/" + name);
            }
            return in.readAllBytes();
        }
    }
}
