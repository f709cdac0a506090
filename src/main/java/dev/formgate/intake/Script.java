package dev.formgate.intake;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Serves {@code GET /formgate.js}, the optional progressive-enhancement script for the site's own pages.
 *
 * <p>The hand-written source ({@code formgate.js} next to this class) is served without its {@code //} comment lines
 * and indentation, which keeps it under 4 KB. The bytes never change for a given FormGate build, so they are cached
 * for a year as immutable and pinned with the Subresource Integrity hash {@link #integrity()} (documented in the
 * README and checked against it by a test). Any origin may load it: it holds nothing secret.
 */
final class Script {
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final byte[] bytes;
    private final String integrity;

    private Script(byte[] bytes) {
        this.bytes = bytes;
        this.integrity = "sha384-" + Base64.getEncoder().encodeToString(sha384(bytes));
    }

    /** Reads and minifies the bundled script once. */
    static Script load() {
        try (InputStream in = Script.class.getResourceAsStream("formgate.js")) {
            if (in == null) throw new IllegalStateException("formgate.js is missing from the jar");
            return new Script(minify(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops whole-line {@code //} comments, indentation and blank lines; nothing inside a line is touched. */
    static String minify(String source) {
        return source.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    void serve(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("Cache-Control", CACHE_CONTROL)
                .contentType("text/javascript; charset=utf-8")
                .result(bytes);
    }

    /** The value for the {@code integrity} attribute of the site's {@code <script>} tag. */
    String integrity() {
        return integrity;
    }

    private static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is part of every Java runtime", e);
        }
    }
}
