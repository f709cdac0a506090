package dev.formgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads content type definitions from Flotiq, for {@code schema pull}.
 *
 * <p>Calls {@code GET {baseUrl}/api/v1/internal/contenttype/{name}} with the key in {@code X-AUTH-TOKEN};
 * a read-only application key is enough. The key never appears in an exception message.
 */
public final class FlotiqContentTypes {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Flotiq content type names: letters, digits and underscores (also keeps the name a single path segment). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,100}");

    private final HttpClient http;
    private final URI baseUrl;
    private final Secret key;
    private final ObjectMapper mapper = Json.mapper();

    public FlotiqContentTypes(HttpClient http, URI baseUrl, Secret key) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * GET {baseUrl}/api/v1/internal/contenttype/{name} with X-AUTH-TOKEN.
     *
     * @throws IllegalArgumentException when the name is not a Flotiq content type name, or Flotiq answers 404
     *     ("content type X not found")
     * @throws IllegalStateException when Flotiq rejects the key (401/403), answers another error, sends
     *     something that is not JSON, or cannot be reached
     */
    public JsonNode fetch(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a Flotiq content type name"
                    + " (letters, digits and _ only; use the API name, not the label)");
        }
        HttpResponse<String> response = send(request(name), name);
        return switch (response.statusCode()) {
            case 200 -> parse(response.body(), name);
            case 404 -> throw new IllegalArgumentException("content type " + name + " not found");
            case 401 -> throw new IllegalStateException("Flotiq rejected the API key (HTTP 401) reading content type "
                    + name + ": check FLOTIQ_API_KEY is a valid application key for " + baseUrl);
            case 403 -> throw new IllegalStateException("Flotiq refused access (HTTP 403) to content type " + name
                    + ": the API key may not read content type definitions; use the read-only application key,"
                    + " or a scoped key that may read this content type's definition");
            default -> throw new IllegalStateException("Flotiq answered HTTP " + response.statusCode()
                    + " reading content type " + name + " from " + baseUrl);
        };
    }

    private HttpRequest request(String name) {
        return HttpRequest.newBuilder(endpoint(name))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("X-AUTH-TOKEN", key.value())
                .GET()
                .build();
    }

    URI endpoint(String name) {
        String base = baseUrl.toString();
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(root + "/api/v1/internal/contenttype/" + name);
    }

    private HttpResponse<String> send(HttpRequest request, String name) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("could not reach Flotiq at " + baseUrl + " to read content type "
                    + name + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading content type " + name + " from Flotiq", e);
        }
    }

    private JsonNode parse(String body, String name) {
        try {
            JsonNode ctd = mapper.readTree(body);
            if (ctd == null || !ctd.isObject()) {
                throw new IllegalStateException("Flotiq sent no JSON object for content type " + name);
            }
            return ctd;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Flotiq sent a body that is not JSON for content type " + name, e);
        }
    }
}
