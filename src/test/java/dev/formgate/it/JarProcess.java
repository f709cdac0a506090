package dev.formgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged jar running as a child process on a free port, its output in a log file. */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "formgate.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    final int port;
    final Path log;
    final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private JarProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code java -jar target/formgate.jar} with exactly this environment plus PORT, and waits for /health. */
    static JarProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        return start(env, log, List.of());
    }

    /** The same with these JVM flags before {@code -jar}. */
    static JarProcess start(Map<String, String> env, Path log, List<String> jvmFlags)
            throws IOException, InterruptedException {
        return start(Path.of(System.getProperty("java.home")), env, log, jvmFlags);
    }

    /** The same on the Java runtime at {@code javaHome}. */
    static JarProcess start(Path javaHome, Map<String, String> env, Path log, List<String> jvmFlags)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("FORMGATE_HOST", "127.0.0.1");
        JarProcess jar = new JarProcess(port, log, pb.start());
        jar.awaitHealthy(Duration.ofSeconds(30));
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitHealthy(Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError("formgate exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("formgate was not healthy within " + limit + ":\n" + logText());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls GET /ready until its JSON satisfies the condition; returns that JSON. */
    JsonNode awaitReady(Predicate<JsonNode> condition, Duration limit) throws IOException, InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        JsonNode ready = null;
        while (System.nanoTime() < until) {
            ready = JSON.readTree(get("/ready").body());
            if (condition.test(ready)) {
                return ready;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/ready did not reach the expected state within " + limit + ": " + ready);
    }

    /** Waits for the process to exit; returns its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("formgate did not exit within " + limit + ":\n" + logText());
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
