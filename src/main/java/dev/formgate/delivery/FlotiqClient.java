package dev.formgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates entries in Flotiq: {@code POST {baseUrl}/api/v1/content/{contentType}} with the form's key in
 * {@code X-AUTH-TOKEN} and the submission id as the object id, so a retry never creates a second object.
 *
 * <p>The payload's own {@code id} field, if any, is replaced by the submission id. How each answer
 * maps to a {@link DeliveryResult} is in {@link FlotiqAnswers}.
 */
public final class FlotiqClient implements Cms {
    private final HttpClient http;
    private final String contentBase;
    private final FlotiqKeys keys;
    private final Duration requestTimeout;
    private final FlotiqAnswers answers;
    private final ObjectMapper json = new ObjectMapper();

    public FlotiqClient(HttpClient http, URI baseUrl, FlotiqKeys keys, Duration requestTimeout) {
        this(http, baseUrl, keys, requestTimeout, Clock.systemUTC());
    }

    /** As the public constructor, with the clock that reads {@code Retry-After} dates. */
    public FlotiqClient(HttpClient http, URI baseUrl, FlotiqKeys keys, Duration requestTimeout, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.contentBase = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl").toString()) + "/api/v1/content/";
        this.keys = Objects.requireNonNull(keys, "keys");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.answers = new FlotiqAnswers(Objects.requireNonNull(clock, "clock"), json);
    }

    @Override
    public boolean configuredFor(String form) {
        return keys.forForm(form).isPresent();
    }

    @Override
    public DeliveryResult deliver(Submission submission) {
        Optional<Secret> key = keys.forForm(submission.form());
        if (key.isEmpty()) {
            return new DeliveryResult.GiveUp("no Flotiq API key for form " + submission.form()
                    + " (set FLOTIQ_API_KEY or " + FlotiqKeys.variableFor(submission.form()) + ")");
        }
        HttpRequest request;
        try {
            request = request(submission, key.get());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new DeliveryResult.GiveUp("cannot build Flotiq request for content type "
                    + submission.contentType() + ": " + e.getClass().getSimpleName());
        }
        return send(request, submission);
    }

    private DeliveryResult send(HttpRequest request, Submission submission) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return answers.interpret(response, submission);
        } catch (HttpTimeoutException e) {
            return new DeliveryResult.Retry("Flotiq did not answer within " + requestTimeout, Optional.empty());
        } catch (IOException e) {
            return new DeliveryResult.Retry("Flotiq connection failed: " + describe(e), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retry("delivery interrupted (shutting down)", Optional.empty());
        }
    }

    private HttpRequest request(Submission submission, Secret key) throws JsonProcessingException {
        ObjectNode body = submission.payload().deepCopy();
        body.put("id", submission.id());
        URI uri = URI.create(contentBase + URLEncoder.encode(submission.contentType(), StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("X-AUTH-TOKEN", key.value())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "FlotiqClient[" + contentBase + ", " + keys + "]";
    }
}
