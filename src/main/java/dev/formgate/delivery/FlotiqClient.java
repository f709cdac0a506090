package dev.formgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import dev.formgate.config.Secret;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates entries in Flotiq: {@code POST {baseUrl}/api/v1/content/{contentType}} with the form's key in
 * {@code X-AUTH-TOKEN} and the submission id as the object id, so a retry never creates a second object.
 *
 * <p>The calling thread sends the request itself over a pooled keep-alive connection ({@link CmsConnections}).
 * The payload's own {@code id} field, if any, is replaced by the submission id. How each answer maps to a
 * {@link DeliveryResult} is in {@link FlotiqAnswers}.
 */
public final class FlotiqClient implements Cms, AutoCloseable {
    private static final String CONTENT_PATH = "/api/v1/content/";

    private final CmsConnections connections;
    private final FlotiqKeys keys;
    private final Duration requestTimeout;
    private final FlotiqAnswers answers;
    private final ObjectMapper json = Json.mapper();

    public FlotiqClient(URI baseUrl, FlotiqKeys keys, Duration requestTimeout) {
        this(baseUrl, keys, requestTimeout, Clock.systemUTC());
    }

    /** As the public constructor, with the clock that reads {@code Retry-After} dates. */
    public FlotiqClient(URI baseUrl, FlotiqKeys keys, Duration requestTimeout, Clock clock) {
        this(new CmsConnections(Objects.requireNonNull(baseUrl, "baseUrl")), keys, requestTimeout, clock);
    }

    /** Over the given connections (tests: a TLS set-up of their own). */
    FlotiqClient(CmsConnections connections, FlotiqKeys keys, Duration requestTimeout, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
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
        return deliver(submission, requestTimeout);
    }

    @Override
    public DeliveryResult deliver(Submission submission, Duration timeout) {
        Optional<Secret> key = keys.forForm(submission.form());
        if (key.isEmpty()) {
            return new DeliveryResult.GiveUp("no Flotiq API key for form " + submission.form()
                    + " (set FLOTIQ_API_KEY or " + FlotiqKeys.variableFor(submission.form()) + ")");
        }
        Duration wait = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
        try {
            return send(submission, key.get(), wait);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new DeliveryResult.GiveUp("cannot build Flotiq request for content type "
                    + submission.contentType() + ": " + e.getClass().getSimpleName());
        }
    }

    private DeliveryResult send(Submission submission, Secret key, Duration wait) throws JsonProcessingException {
        byte[] bytes = body(submission);
        String path = CONTENT_PATH + URLEncoder.encode(submission.contentType(), StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-AUTH-TOKEN", key.value(),
                "Content-Type", "application/json", "Accept", "application/json");
        try {
            return answers.interpret(connections.post(path, headers, bytes, wait), submission);
        } catch (SocketTimeoutException e) {
            return new DeliveryResult.Retry("Flotiq did not answer within " + wait, Optional.empty());
        } catch (IOException e) {
            return new DeliveryResult.Retry("Flotiq connection failed: " + describe(e), Optional.empty());
        }
    }

    /**
     * The payload with the submission id as its {@code id}, last. Spliced into the stored text when the payload has no
     * {@code id} of its own (the usual case: no second serialization); otherwise the payload's {@code id} is replaced.
     */
    private byte[] body(Submission submission) throws JsonProcessingException {
        String payload = submission.payloadJson();
        if (!payload.contains("\"id\"") && payload.startsWith("{") && payload.endsWith("}")) {
            StringBuilder b = new StringBuilder(payload.length() + submission.id().length() + 8)
                    .append(payload, 0, payload.length() - 1)
                    .append(payload.length() > 2 ? ",\"id\":\"" : "\"id\":\"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(submission.id()))
                    .append("\"}");
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode body = submission.payload();
        body.put("id", submission.id());
        return json.writeValueAsBytes(body);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "FlotiqClient[" + connections + ", " + keys + "]";
    }
}
