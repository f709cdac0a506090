package dev.formgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.formgate.testing.FakeFlotiq;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's Java runtime: jlink with the Dockerfile's module list (built here from the test JVM), and the
 * packaged jar on it: {@code check --exercise} passes, and the server stores, delivers, limits through Redis (when
 * one is on 127.0.0.1:6379, as in CI) and reports metrics. A module missing from the list fails here, not in a
 * deployed machine.
 */
class RuntimeImageIT extends WithFakeFlotiq {
    private static final Pattern ADD_MODULES = Pattern.compile("jlink --add-modules (\\S+)");

    static List<String> dockerfileModules() throws IOException {
        Matcher m = ADD_MODULES.matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(m.find(), "the Dockerfile builds its runtime with jlink --add-modules");
        return List.of(m.group(1).split(","));
    }

    @Test
    void the_dockerfile_leaves_the_locale_data_out_and_keeps_what_the_server_needs() throws IOException {
        List<String> modules = dockerfileModules();

        assertFalse(modules.contains("jdk.localedata"), modules.toString());
        for (String needed : List.of("java.base", "java.sql", "java.management", "jdk.management", "java.net.http",
                "jdk.unsupported", "java.naming", "jdk.naming.dns")) {
            assertTrue(modules.contains(needed) || needed.equals("java.management") && modules.contains("jdk.management"),
                    needed + " missing from " + modules);
        }
    }

    @Test
    void the_jar_exercises_and_serves_on_a_runtime_of_exactly_those_modules() throws Exception {
        Path runtime = jlink(dockerfileModules());
        Map<String, String> env = new HashMap<>();
        env.put("FORMGATE_DATA", tmp.resolve("data").toString());
        env.put("FORMGATE_SCHEMAS", "schemas");
        env.put("FORMGATE_ALLOWED_ORIGINS", "https://www.example.com");
        env.put("FORMGATE_DOUBLE_SUBMIT_WINDOW", "0s");

        // the image's build step
        ProcessBuilder exercise = new ProcessBuilder(runtime.resolve("bin").resolve("java").toString(), "-jar",
                JarProcess.JAR.toString(), "check", "--exercise")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("check.log").toFile());
        exercise.environment().clear();
        exercise.environment().putAll(env);
        Process check = exercise.start();
        assertTrue(check.waitFor(120, TimeUnit.SECONDS), "check --exercise did not finish");
        String checkLog = Files.readString(tmp.resolve("check.log"));
        assertEquals(0, check.exitValue(), checkLog);
        assertTrue(checkLog.contains("exercise: 15 requests"), checkLog);

        env.put("FLOTIQ_API_URL", flotiq.baseUrl().toString());
        env.put("FLOTIQ_API_KEY", FakeFlotiq.KEY);
        boolean redis = redisUp();
        if (redis) env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("FORMGATE_REDIS_NAMESPACE", "runtime-image-it-" + System.nanoTime());
        try (JarProcess jar = JarProcess.start(runtime, env, tmp.resolve("serve.log"), List.of())) {
            HttpClient http = HttpClient.newHttpClient();
            String json = "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"message\":\"On the image's runtime.\"}";
            assertEquals(201, post(http, jar, "/api/v1/content/contact_form", "application/json", json), jar.logText());
            assertEquals(201, post(http, jar, "/forms/contact-form", "application/x-www-form-urlencoded",
                    "name=Jane+Doe&email=jane%40example.com&message=A+browser+post+on+the+runtime."), jar.logText());
            assertEquals(422, post(http, jar, "/forms/contact-form", "application/json", "{}"), jar.logText());
            // the newsletter allows three sign-ups per client a minute: the fourth is refused (through Redis in CI)
            String signUp = "{\"email\":\"jane@example.com\",\"consent\":true}";
            for (int i = 0; i < 3; i++) {
                assertEquals(201, post(http, jar, "/forms/newsletter-signup", "application/json", signUp), jar.logText());
            }
            assertEquals(429, post(http, jar, "/forms/newsletter-signup", "application/json", signUp), jar.logText());
            HttpResponse<String> metrics = jar.get("/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("formgate_submissions_total"), metrics.body());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "JVM metrics need java.management");
            assertTrue(jar.logText().contains(redis ? "Redis" : "in memory"), jar.logText());
        }
        assertEquals(2, flotiq.objects("contact_form").size());
    }

    private Path jlink(List<String> modules) throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        boolean available = Files.isExecutable(jlink);
        if (System.getenv("CI") != null && !available) {
            throw new AssertionError("CI must run the tests on a JDK with jlink (" + jlink + " is missing)");
        }
        assumeTrue(available, "skipped: the test JVM has no jlink (" + jlink + "); run the tests on a JDK to include this test");
        Path out = tmp.resolve("runtime");
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", modules),
                "--no-header-files", "--no-man-pages", "--output", out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("jlink.log").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "jlink did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("jlink.log")));
        return out;
    }

    private static int post(HttpClient http, JarProcess jar, String path, String type, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(jar.uri(path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", type).header("Accept", "application/json")
                        .header("Origin", "https://www.example.com")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean redisUp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
