package dev.formgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.State;
import dev.formgate.delivery.StoredSubmission;
import dev.formgate.testing.FakeFlotiq;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar under a burst of concurrent submissions, killed with SIGKILL mid-burst while the CMS fails
 * now and then, restarted on the same data directory: every acknowledged submission reaches the CMS exactly once.
 */
class CrashSafetyIT extends WithFakeFlotiq {
    static final int THREADS = 16;
    static final int TOTAL = 800;
    static final int KILL_AFTER_ACKS = 300;
    static final String TYPE = "contact_form";
    static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("FORMGATE_DATA", tmp.resolve("data").toString());
        env.put("FORMGATE_SCHEMAS", "schemas");
        env.put("FLOTIQ_API_URL", flotiq.baseUrl().toString());
        env.put("FLOTIQ_API_KEY", FakeFlotiq.KEY);
        env.put("FORMGATE_RATE_LIMIT_PER_CLIENT", "100000/1m");
        env.put("FORMGATE_RATE_LIMIT_PER_FORM", "100000/1m");
        env.put("FORMGATE_DELIVERY_DEADLINE", "1s");
        env.put("FORMGATE_CMS_TIMEOUT", "2s");
        return env;
    }

    static String body(int n) {
        return "{\"name\":\"Burst Sender\",\"email\":\"burst@example.com\",\"message\":\"burst message #" + n + "\"}";
    }

    static int number(JsonNode object) {
        String message = object.get("message").asText();
        return Integer.parseInt(message.substring(message.indexOf('#') + 1));
    }

    @Test
    void every_acknowledged_submission_reaches_the_cms_exactly_once_after_a_kill_9_mid_burst() throws Exception {
        Map<Integer, String> acked = new ConcurrentHashMap<>();
        AtomicBoolean chaos = new AtomicBoolean(true);
        Thread flaky = new Thread(() -> failNowAndThen(chaos), "flaky-cms");

        int exit;
        try (JarProcess first = JarProcess.start(env(), tmp.resolve("first.log"))) {
            flaky.start();
            ExecutorService clients = burst(first, acked);
            while (acked.size() < KILL_AFTER_ACKS) {
                Thread.sleep(2);
            }
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
            exit = first.awaitExit(Duration.ofSeconds(10));
            chaos.set(false);
            flaky.join();
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }
        flotiq.clearFailures();
        int beforeRestart = flotiq.objects(TYPE).size();

        int queuedAtRestart;
        try (JarProcess second = JarProcess.start(env(), tmp.resolve("second.log"))) {
            queuedAtRestart = second.awaitReady(r -> true, Duration.ofSeconds(5)).get("queued").asInt();
            JsonNode ready = second.awaitReady(r -> r.get("queued").asInt() == 0, Duration.ofSeconds(40));
            assertEquals(0, ready.get("dead").asInt(), ready.toString());
            assertEquals(0, ready.get("held").asInt(), ready.toString());
            second.process.destroy();
            second.awaitExit(Duration.ofSeconds(15));
        }

        System.out.printf("kill -9 burst: %d acknowledged, %d in the CMS before the restart, %d queued at restart,"
                + " %d create requests for %d objects%n", acked.size(), beforeRestart, queuedAtRestart,
                flotiq.requests().size(), flotiq.objects(TYPE).size());
        assertEquals(137, exit, "killed with SIGKILL");
        assertTrue(queuedAtRestart > 0, "the kill left work for the next start");
        assertTrue(acked.size() >= KILL_AFTER_ACKS && acked.size() < TOTAL, "killed mid-burst: " + acked.size());
        assertTrue(flotiq.objects(TYPE).size() > beforeRestart, "the restart delivered what the kill left queued");
        assertExactlyOnce(acked);
    }

    @Test
    void sigterm_answers_the_request_in_flight_exits_promptly_and_leaves_queued_rows_for_the_next_start()
            throws Exception {
        Map<String, String> env = env();
        env.put("FORMGATE_DELIVERY_DEADLINE", "2s");
        env.put("FORMGATE_CMS_TIMEOUT", "3s");
        flotiq.failAlways(FakeFlotiq.Failure.unavailable());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> ids = new HashSet<>();
        HttpResponse<String> inFlight;
        int exit;
        long stopMillis;
        try (JarProcess jar = JarProcess.start(env, tmp.resolve("sigterm.log"))) {
            for (int n = 0; n < 3; n++) {
                ids.add(json(send(http, jar, n).body()).get("id").asText());
            }
            flotiq.failAlways(FakeFlotiq.Failure.hang());
            var pending = http.sendAsync(request(jar, 3), HttpResponse.BodyHandlers.ofString());
            while (flotiq.requests().size() < 4) {
                Thread.sleep(10); // the fourth submission is stored and waiting for the hanging CMS
            }

            long start = System.nanoTime();
            jar.process.destroy(); // SIGTERM
            inFlight = pending.get(10, TimeUnit.SECONDS);
            exit = jar.awaitExit(Duration.ofSeconds(15));
            stopMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
        ids.add(json(inFlight.body()).get("id").asText());
        Map<String, State> states = new HashMap<>();
        try (Outbox outbox = Outbox.open(tmp.resolve("data"), Clock.systemUTC())) {
            outbox.list(Optional.empty(), Optional.empty(), 100).forEach(r -> states.put(r.id(), r.state()));
        }
        flotiq.clearFailures();
        try (JarProcess restarted = JarProcess.start(env, tmp.resolve("sigterm-restart.log"))) {
            restarted.awaitReady(r -> r.get("queued").asInt() == 0, Duration.ofSeconds(30));
        }

        assertEquals(202, inFlight.statusCode(), "the request in flight at SIGTERM is answered: " + inFlight.body());
        assertTrue(exit == 143 || exit == 0, "exit code " + exit);
        assertTrue(stopMillis < 10_000, "stopped in " + stopMillis + " ms");
        assertEquals(4, states.size());
        assertTrue(states.values().stream().allMatch(s -> s == State.QUEUED), states.toString());
        for (String id : ids) {
            assertTrue(flotiq.object(TYPE, id).isPresent(), "delivered after the restart: " + id);
        }
        assertEquals(4, flotiq.objects(TYPE).size());
    }

    private static HttpRequest request(JarProcess jar, int n) {
        return HttpRequest.newBuilder(jar.uri("/forms/contact-form")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(n))).build();
    }

    private static HttpResponse<String> send(HttpClient http, JarProcess jar, int n) throws Exception {
        HttpResponse<String> r = http.send(request(jar, n), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return r;
    }

    private void assertExactlyOnce(Map<Integer, String> acked) {
        List<ObjectNode> objects = flotiq.objects(TYPE);
        Map<Integer, List<String>> idsByNumber = objects.stream().collect(Collectors.groupingBy(
                CrashSafetyIT::number, Collectors.mapping(o -> o.get("id").asText(), Collectors.toList())));
        acked.forEach((n, id) -> assertEquals(List.of(id), idsByNumber.get(n),
                "acknowledged submission #" + n + " is in the CMS once, under the id it was answered with"));
        idsByNumber.forEach((n, ids) -> assertEquals(1, ids.size(), "submission #" + n + " created twice: " + ids));

        Set<String> stored = new HashSet<>();
        try (Outbox outbox = Outbox.open(tmp.resolve("data"), Clock.systemUTC())) {
            for (StoredSubmission row : outbox.list(Optional.empty(), Optional.empty(), 100_000)) {
                stored.add(row.id());
                assertEquals(State.DELIVERED, row.state(), row.id());
            }
        }
        Set<String> known = new HashSet<>(stored);
        known.addAll(acked.values());
        for (ObjectNode o : objects) {
            assertTrue(known.contains(o.get("id").asText()), "phantom object in the CMS: " + o.get("id"));
        }
        Map<String, Long> createsById = flotiq.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .collect(Collectors.groupingBy(r -> json(r.body()).path("id").asText(), Collectors.counting()));
        assertTrue(createsById.keySet().containsAll(acked.values()), "every acknowledged id was sent to the CMS");
        assertTrue(!createsById.containsKey(""), "every create carries the submission id, so a repeat is refused");
        // More requests than objects for an id are retries Flotiq answered 400 "already used": the same object.
    }

    /** Fails one CMS request now and then: 503s, and creates whose answer is lost on the way back. */
    private void failNowAndThen(AtomicBoolean chaos) {
        int i = 0;
        while (chaos.get()) {
            flotiq.failNext(1, i++ % 2 == 0 ? FakeFlotiq.Failure.unavailable() : FakeFlotiq.Failure.dropAfterCreate());
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sixteen clients posting TOTAL distinct submissions; each 2xx is recorded with its id. */
    private static ExecutorService burst(JarProcess jar, Map<Integer, String> acked) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            clients.execute(() -> {
                for (int n = next.getAndIncrement(); n < TOTAL; n = next.getAndIncrement()) {
                    post(http, jar, n, acked);
                }
            });
        }
        return clients;
    }

    private static void post(HttpClient http, JarProcess jar, int n, Map<Integer, String> acked) {
        try {
            HttpResponse<String> r = http.send(request(jar, n), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                acked.put(n, json(r.body()).get("id").asText());
            }
        } catch (IOException killed) {
            // no answer: not acknowledged, so it may or may not be stored
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
