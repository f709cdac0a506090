package dev.formgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.App;
import dev.formgate.config.Settings;
import dev.formgate.delivery.FlotiqKeys;
import dev.formgate.forms.FormDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code check --exercise}: starts the real server privately (loopback, a free port, a throwaway data directory,
 * a CMS address that refuses connections) and sends every form what sites send: a JSON and a browser post of a
 * sample made from its schema, an empty body, a CORS preflight, plus the service's own endpoints. It proves the
 * image can serve, and it is the container build's AOT training run: what it runs starts fast later.
 *
 * <p>No submission leaves the machine: deliveries fail to connect and stay in the throwaway outbox.
 */
final class Exercise {
    /** Nothing listens on port 1: every delivery attempt is refused at once. */
    static final URI NO_CMS = URI.create("http://127.0.0.1:1");

    record Report(Map<Integer, Integer> answers, List<String> problems, int requests) {
        boolean ok() {
            return problems.isEmpty();
        }

        String summary() {
            StringBuilder s = new StringBuilder("exercise: " + requests + " requests to a private server; answers");
            answers.forEach((status, count) -> s.append(' ').append(status).append(" x").append(count));
            return s.toString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Integer> answers = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private int requests;
    private URI base;

    static Report run(Settings settings) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("formgate-exercise-");
        try {
            return new Exercise().against(settings.rehearsal(data, NO_CMS, new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "exercise"))));
        } finally {
            delete(data);
        }
    }

    private Report against(Settings rehearsal) throws IOException, InterruptedException {
        try (App app = new App(rehearsal, Clock.systemUTC())) {
            app.javalin().start(rehearsal.host(), rehearsal.port());
            base = URI.create("http://" + rehearsal.host() + ":" + app.javalin().port());
            for (FormDefinition form : app.forms().all()) {
                exercise(form, origin(rehearsal, form));
            }
            send(get("/health"));
            send(get("/ready"));
            send(get("/formgate.js"));
            HttpRequest.Builder metrics = get("/metrics");
            rehearsal.metricsToken().ifPresent(t -> metrics.header("Authorization", "Bearer " + t.value()));
            send(metrics);
            send(post("/forms/no-such-form", "application/json", "{}", "application/json"));
        }
        return new Report(answers, problems, requests);
    }

    private void exercise(FormDefinition form, Optional<String> origin) throws IOException, InterruptedException {
        ObjectNode sample = SampleSubmission.of(form.schema());
        List<HttpRequest.Builder> calls = List.of(
                post("/api/v1/content/" + form.contentType(), "application/json", sample.toString(), "application/json"),
                post("/forms/" + form.name(), "application/x-www-form-urlencoded", urlencoded(sample), "text/html"),
                post("/forms/" + form.name(), "application/json", "{}", "application/json"),
                HttpRequest.newBuilder(base.resolve("/forms/" + form.name()))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"),
                get("/forms/" + form.name() + "/schema"));
        for (HttpRequest.Builder call : calls) {
            origin.ifPresent(o -> call.header("Origin", o));
            send(call);
        }
    }

    private static Optional<String> origin(Settings settings, FormDefinition form) {
        return Stream.concat(form.allowedOrigins().stream(), settings.allowedOrigins().stream()).findFirst();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    private HttpRequest.Builder post(String path, String contentType, String body, String accept) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private void send(HttpRequest.Builder call) throws IOException, InterruptedException {
        HttpRequest request = call.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        requests++;
        answers.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() >= 500) {
            problems.add(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode());
        }
    }

    /** A browser's encoding of the sample: arrays as repeated names, {@code true} as a ticked checkbox. */
    static String urlencoded(ObjectNode sample) {
        List<String> pairs = new ArrayList<>();
        sample.fields().forEachRemaining(field -> {
            JsonNode v = field.getValue();
            List<JsonNode> values = new ArrayList<>();
            if (v.isArray()) v.forEach(values::add); else values.add(v);
            for (JsonNode one : values) {
                String text = one.isBoolean() ? (one.asBoolean() ? "on" : "") : one.asText();
                pairs.add(encode(field.getKey()) + "=" + encode(text));
            }
        });
        return String.join("&", pairs);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
