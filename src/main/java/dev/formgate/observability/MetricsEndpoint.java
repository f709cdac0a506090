package dev.formgate.observability;

import dev.formgate.config.Secret;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text, behind {@code Authorization: Bearer <token>} when a token is set.
 *
 * <p>The token is compared by its SHA-256 digest in constant time, so neither its content nor its length
 * leaks through timing.
 */
final class MetricsEndpoint implements Handler {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final Supplier<String> scrape;
    private final Optional<byte[]> tokenDigest;

    MetricsEndpoint(Supplier<String> scrape, Optional<Secret> token) {
        this.scrape = scrape;
        this.tokenDigest = token.map(t -> sha256(t.value()));
    }

    @Override
    public void handle(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (tokenDigest.isPresent() && !authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"")
                    .status(401).contentType("text/plain; charset=utf-8")
                    .result("401 Unauthorized: send Authorization: Bearer <FORMGATE_METRICS_TOKEN>\n");
            return;
        }
        ctx.status(200).contentType(CONTENT_TYPE).result(scrape.get());
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = sha256(header.substring(BEARER.length()).trim());
        return MessageDigest.isEqual(given, tokenDigest.get());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
