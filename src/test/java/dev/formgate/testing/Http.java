package dev.formgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for functional tests: exact control of method, headers and body, no redirects followed. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> json(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    public HttpResponse<String> form(String path, String body, String... headers) {
        return send("POST", path, "application/x-www-form-urlencoded", body, headers);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }
}
