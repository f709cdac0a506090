package dev.formgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A faithful in-process Flotiq: a real HTTP server on a free port speaking Flotiq's create contract
 * ({@code POST /api/v1/content/{type}}, {@code X-AUTH-TOKEN}), recording every request, and failing on demand.
 *
 * <p>Answers: 401 {@code {"code":401,"message":"Unauthorized"}} for a missing or unknown key, 404 for an
 * unknown content type, 403 for a key without create rights, 415 for a non-JSON body, 413 above the size
 * limit, 400 {@code {field: [messages]}} for blank required fields or a used id, else 200 with the stored
 * object. Failures ({@link Failure}) apply to the next N requests or until cleared. Thread-safe.
 */
public final class FakeFlotiq implements AutoCloseable {
    /** A key with create rights on every content type. */
    public static final String KEY = "fake-flotiq-rw-key-0123456789";
    /** A key that is known but has no create rights (403). */
    public static final String READ_ONLY_KEY = "fake-flotiq-ro-key-0123456789";
    private static final String PREFIX = "/api/v1/content/";

    /** An on-demand failure; see the static factories. */
    public record Failure(Kind kind, int status, String retryAfter) {
        public enum Kind { STATUS, HANG, DROP, DROP_AFTER_CREATE }

        /** Answers 503 Service Unavailable. */
        public static Failure unavailable() { return status(503); }
        /** Answers 429 with the given {@code Retry-After} (seconds or HTTP date). */
        public static Failure rateLimited(String retryAfter) { return new Failure(Kind.STATUS, 429, retryAfter); }
        /** Answers the given status with an empty JSON body. */
        public static Failure status(int status) { return new Failure(Kind.STATUS, status, null); }
        /** Never answers until {@link #clearFailures()}, {@link #close()} or the hang limit. */
        public static Failure hang() { return new Failure(Kind.HANG, 0, null); }
        /** Closes the connection without an answer, creating nothing. */
        public static Failure drop() { return new Failure(Kind.DROP, 0, null); }
        /** Creates the object, then closes the connection without an answer (the answer is lost on the way). */
        public static Failure dropAfterCreate() { return new Failure(Kind.DROP_AFTER_CREATE, 0, null); }
    }

    /** One request as received. Header names are lower-case. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private static final String DEFINITIONS = "/api/v1/internal/contenttype/";
    private final Map<String, Set<String>> contentTypes = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> definitions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final AtomicInteger generatedIds = new AtomicInteger();
    private Failure failure;
    private int failuresLeft; // -1: until cleared
    private CountDownLatch hangRelease = new CountDownLatch(1);
    private Duration hangLimit = Duration.ofSeconds(60);
    private int maxBodyBytes = 1_000_000;
    private HttpServer server;
    private ExecutorService executor;

    /** Adds a content type whose {@code required} fields must be present and non-blank. */
    public FakeFlotiq contentType(String name, Set<String> required) {
        contentTypes.put(name, Set.copyOf(required));
        objects.putIfAbsent(name, new ConcurrentHashMap<>());
        return this;
    }

    /** Bodies above this size get 413. */
    public FakeFlotiq maxBodyBytes(int bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    public FakeFlotiq start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-flotiq");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Fails the next {@code count} requests this way. */
    public synchronized void failNext(int count, Failure f) {
        failure = f;
        failuresLeft = count;
    }

    /** Fails every request this way until {@link #clearFailures()}. */
    public synchronized void failAlways(Failure f) {
        failNext(-1, f);
    }

    /** Back to normal; hanging requests are released (and then closed without an answer). */
    public synchronized void clearFailures() {
        failure = null;
        failuresLeft = 0;
        hangRelease.countDown();
        hangRelease = new CountDownLatch(1);
    }

    /** How long a hanging request waits at most before it is closed without an answer. */
    public synchronized void hangLimit(Duration limit) {
        hangLimit = limit;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The created objects of a content type, in no particular order. */
    public List<ObjectNode> objects(String contentType) {
        Map<String, ObjectNode> stored = objects.get(contentType);
        return stored == null ? List.of() : stored.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public Optional<ObjectNode> object(String contentType, String id) {
        return Optional.ofNullable(objects.getOrDefault(contentType, Map.of()).get(id)).map(ObjectNode::deepCopy);
    }

    @Override
    public void close() {
        clearFailures();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            record(exchange, body);
            Failure f = takeFailure();
            if (f != null && f.kind() != Failure.Kind.DROP_AFTER_CREATE) {
                fail(exchange, f);
                return;
            }
            Answer answer = answer(exchange, raw.length, body);
            if (f != null) {
                throw new IOException("fake Flotiq drops the connection after creating"); // closes without answer
            }
            send(exchange, answer.status(), answer.body());
        }
    }

    private void fail(HttpExchange exchange, Failure f) throws IOException {
        switch (f.kind()) {
            case STATUS -> {
                if (f.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", f.retryAfter());
                }
                send(exchange, f.status(), "{\"code\":" + f.status() + ",\"message\":\"fake failure\"}");
            }
            case HANG -> {
                awaitHangRelease();
                throw new IOException("fake Flotiq hung up");
            }
            default -> throw new IOException("fake Flotiq drops the connection");
        }
    }

    private void awaitHangRelease() {
        CountDownLatch latch;
        Duration limit;
        synchronized (this) {
            latch = hangRelease;
            limit = hangLimit;
        }
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String body) {}

    private Answer answer(HttpExchange exchange, int size, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(DEFINITIONS) && "GET".equals(exchange.getRequestMethod())) {
            return definition(exchange, path.substring(DEFINITIONS.length()));
        }
        if (!path.startsWith(PREFIX) || !"POST".equals(exchange.getRequestMethod())) {
            return new Answer(404, "{\"code\":404,\"message\":\"Not found\"}");
        }
        String key = exchange.getRequestHeaders().getFirst("X-AUTH-TOKEN");
        if (!KEY.equals(key) && !READ_ONLY_KEY.equals(key)) {
            return new Answer(401, "{\"code\":401,\"message\":\"Unauthorized\"}");
        }
        String type = path.substring(PREFIX.length());
        if (!contentTypes.containsKey(type)) {
            return new Answer(404, "{\"code\":404,\"message\":\"Content type definition not found\"}");
        }
        if (READ_ONLY_KEY.equals(key)) {
            return new Answer(403, "{\"code\":403,\"message\":\"Forbidden\"}");
        }
        String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (mediaType == null || !mediaType.startsWith("application/json")) {
            return new Answer(415, "{\"code\":415,\"message\":\"Unsupported Media Type\"}");
        }
        if (size > maxBodyBytes) {
            return new Answer(413, "{\"code\":413,\"message\":\"Payload Too Large\"}");
        }
        return create(type, body);
    }

    /** Flotiq's content type definition read: any valid key may read; unknown names are 404. */
    private Answer definition(HttpExchange exchange, String name) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-AUTH-TOKEN");
        if (!KEY.equals(key) && !READ_ONLY_KEY.equals(key)) {
            return new Answer(401, "{\"code\":401,\"message\":\"Unauthorized\"}");
        }
        JsonNode ctd = definitions.get(name);
        return ctd == null
                ? new Answer(404, "{\"code\":404,\"message\":\"Content type definition not found\"}")
                : new Answer(200, json.writeValueAsString(ctd));
    }

    /** Serves a content type definition at {@code GET /api/v1/internal/contenttype/{name}} (for schema pull). */
    public FakeFlotiq definition(String name, JsonNode contentTypeDefinition) {
        definitions.put(name, contentTypeDefinition.deepCopy());
        return this;
    }

    private Answer create(String type, String body) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            return new Answer(400, "{\"code\":400,\"message\":\"Invalid JSON\"}");
        }
        if (!(node instanceof ObjectNode object)) {
            return new Answer(400, "{\"code\":400,\"message\":\"Invalid JSON\"}");
        }
        synchronized (this) {
            Map<String, List<String>> errors = errors(type, object);
            if (!errors.isEmpty()) {
                return new Answer(400, json.writeValueAsString(errors));
            }
            if (!object.hasNonNull("id")) {
                object.put("id", type + "-" + generatedIds.incrementAndGet());
            }
            ObjectNode internal = object.putObject("internal");
            internal.put("contentType", type);
            internal.put("createdAt", java.time.Instant.now().toString());
            objects.get(type).put(object.get("id").asText(), object);
            return new Answer(200, json.writeValueAsString(object));
        }
    }

    private Map<String, List<String>> errors(String type, ObjectNode object) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String field : contentTypes.get(type)) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                errors.put(field, List.of("This value should not be blank."));
            }
        }
        JsonNode id = object.get("id");
        if (id != null && objects.get(type).containsKey(id.asText())) {
            errors.put("id", List.of("This value is already used"));
        }
        return errors;
    }

    private synchronized Failure takeFailure() {
        if (failure == null) {
            return null;
        }
        Failure f = failure;
        if (failuresLeft > 0 && --failuresLeft == 0) {
            failure = null;
        }
        return f;
    }

    private synchronized void record(HttpExchange exchange, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(headers), body));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
