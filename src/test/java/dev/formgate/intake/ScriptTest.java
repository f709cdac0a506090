package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.App;
import dev.formgate.testing.TestGate;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /formgate.js}: small, cacheable for a year, loadable from any origin, and pinned by the README's hash. */
class ScriptTest {
    @TempDir
    Path tmp;

    static HttpResponse<byte[]> get(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/formgate.js"))
                .header("Origin", "https://anywhere.example").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void script_is_served_small_immutable_and_to_any_origin() {
        try (App app = new TestGate(tmp).app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<byte[]> r = get(server.port());

                assertEquals(200, r.statusCode());
                assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
                assertEquals("public, max-age=31536000, immutable", r.headers().firstValue("Cache-Control").orElseThrow());
                assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                assertTrue(r.body().length < 4096, "formgate.js is " + r.body().length + " bytes; the budget is 4 KB");
                String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.startsWith("/*! formgate.js"));
                assertFalse(text.lines().anyMatch(l -> l.startsWith("//") || l.startsWith(" ")), "comments and indentation dropped");
            });
        }
    }

    @Test
    void readme_documents_the_integrity_hash_of_the_served_bytes() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        try (App app = new TestGate(tmp).app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                byte[] served = get(server.port()).body();

                String integrity = "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(served));

                assertEquals(integrity, Script.load().integrity());
                assertTrue(readme.contains("integrity=\"" + integrity + "\""),
                        "README.md must show the script tag with integrity=\"" + integrity + "\"");
            });
        }
    }

    @Test
    void minify_keeps_code_lines_whole_and_drops_comment_lines() {
        String source = "/*! head */\n// a comment\n  let a = \"http://x\"; // trailing stays\n\n    b();\n";

        String min = Script.minify(source);

        assertEquals("/*! head */\nlet a = \"http://x\"; // trailing stays\nb();\n", min);
    }
}
