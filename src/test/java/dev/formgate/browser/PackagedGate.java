package dev.formgate.browser;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/formgate.jar}, started as a child process the way an operator runs it, on a free
 * loopback port; its output goes to {@code target/browser-formgate.log}.
 */
final class PackagedGate implements AutoCloseable {
    static final Path JAR = Path.of("target", "formgate.jar");

    private final Process process;
    private final int port;

    private PackagedGate(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PackagedGate start(Map<String, String> env, Path log) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the browser tests with `mvn verify`, which packages it first");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FORMGATE_") || k.startsWith("FLOTIQ_") || k.equals("REDIS_URL"));
        pb.environment().putAll(env);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("FORMGATE_HOST", "127.0.0.1");
        PackagedGate gate;
        try {
            gate = new PackagedGate(pb.start(), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gate.awaitHealthy(log);
        return gate;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("formgate.jar exited early; see " + log + ":\n" + read(log));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause();
        }
        close();
        throw new IllegalStateException("formgate.jar did not become healthy within 60 s; see " + log + ":\n" + read(log));
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling a child process's startup, not a unit test waiting on time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
