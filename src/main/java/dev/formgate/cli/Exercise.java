package dev.formgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.App;
import dev.formgate.cli.LocalHttp.Call;
import dev.formgate.config.Settings;
import dev.formgate.delivery.FlotiqKeys;
import dev.formgate.forms.FormDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
    /**
     * Nothing listens on port 1: every delivery attempt is refused at once. Over https when the configured CMS is
     * (Flotiq is): the client sets up TLS as the server will, so the cache holds what that needs.
     */
    static URI noCms(URI configured) {
        return URI.create(("https".equalsIgnoreCase(configured.getScheme()) ? "https" : "http") + "://127.0.0.1:1");
    }

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

    private final Map<Integer, Integer> answers = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private int requests;
    private LocalHttp http;

    static Report run(Settings settings) throws IOException {
        Path data = Files.createTempDirectory("formgate-exercise-");
        try {
            return new Exercise().against(settings.rehearsal(data, noCms(settings.flotiqUrl()), new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "exercise"))));
        } finally {
            delete(data);
        }
    }

    private Report against(Settings rehearsal) throws IOException {
        try (App app = new App(rehearsal, Clock.systemUTC())) {
            app.javalin().start(rehearsal.host(), rehearsal.port());
            http = new LocalHttp(rehearsal.host(), app.javalin().port());
            for (FormDefinition form : app.forms().all()) {
                exercise(form, origin(rehearsal, form));
            }
            send(Call.get("/health"));
            send(Call.get("/ready"));
            send(Call.get("/formgate.js"));
            Call metrics = Call.get("/metrics");
            rehearsal.metricsToken().ifPresent(t -> metrics.header("Authorization", "Bearer " + t.value()));
            send(metrics);
            send(Call.post("/forms/no-such-form", "application/json", "{}", "application/json"));
        }
        return new Report(answers, problems, requests);
    }

    private void exercise(FormDefinition form, Optional<String> origin) throws IOException {
        ObjectNode sample = SampleSubmission.of(form.schema());
        List<Call> calls = List.of(
                Call.post("/api/v1/content/" + form.contentType(), "application/json", sample.toString(), "application/json"),
                Call.post("/forms/" + form.name(), "application/x-www-form-urlencoded", urlencoded(sample), "text/html"),
                Call.post("/forms/" + form.name(), "application/json", "{}", "application/json"),
                Call.options("/forms/" + form.name())
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"),
                Call.get("/forms/" + form.name() + "/schema"));
        for (Call call : calls) {
            origin.ifPresent(o -> call.header("Origin", o));
            send(call);
        }
    }

    private static Optional<String> origin(Settings settings, FormDefinition form) {
        return Stream.concat(form.allowedOrigins().stream(), settings.allowedOrigins().stream()).findFirst();
    }

    private void send(Call call) throws IOException {
        int status = http.send(call);
        requests++;
        answers.merge(status, 1, Integer::sum);
        if (status >= 500) {
            problems.add(call.method() + " " + call.path() + " answered " + status);
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
