package dev.formgate.testing;

import dev.formgate.App;
import dev.formgate.config.EnvSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a real {@link App} for functional tests: the repository's schemas copied to a temp dir, a temp data
 * dir, a fake Flotiq as the CMS, and any extra environment a test sets.
 */
public final class TestGate {
    private final Path root;
    private final Map<String, String> env = new HashMap<>();

    public TestGate(Path root) {
        this.root = root;
        copySchemas(Path.of("schemas"), schemas());
        env.put("FORMGATE_SCHEMAS", schemas().toString());
        env.put("FORMGATE_DATA", root.resolve("data").toString());
        env.put("FORMGATE_DELIVERY_DEADLINE", "2s");
        env.put("FORMGATE_CMS_TIMEOUT", "1s");
        env.put("FORMGATE_RATE_LIMIT_PER_CLIENT", "1000/1m");
        env.put("FORMGATE_RATE_LIMIT_PER_FORM", "1000/1m");
        env.put("FORMGATE_DOUBLE_SUBMIT_WINDOW", "0s");
    }

    public Path schemas() {
        return root.resolve("schemas");
    }

    public Path data() {
        return root.resolve("data");
    }

    /** Delivers to this fake with its read-write key. */
    public TestGate cms(FakeFlotiq flotiq) {
        env.put("FLOTIQ_API_URL", flotiq.baseUrl().toString());
        env.put("FLOTIQ_API_KEY", FakeFlotiq.KEY);
        return this;
    }

    public TestGate set(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestGate unset(String name) {
        env.remove(name);
        return this;
    }

    /** Adds or replaces a schema file. */
    public TestGate schema(String fileName, String json) {
        try {
            Files.writeString(schemas().resolve(fileName), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public App app() {
        return app(Clock.systemUTC());
    }

    public App app(Clock clock) {
        return new App(EnvSettings.load(env), clock);
    }

    /** A fake Flotiq that knows the shipped forms' content types. */
    public static FakeFlotiq flotiq() {
        return new FakeFlotiq()
                .contentType("contact_form", java.util.Set.of("name", "email", "message"))
                .contentType("newsletter_signup", java.util.Set.of("email"))
                .start();
    }

    private static void copySchemas(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
