package dev.formgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.testing.FakeFlotiq;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The image's way to load SQLite's native library (Dockerfile: extracted from the jar at build time, named by
 * {@code -Dorg.sqlite.lib.path} and {@code -Dorg.sqlite.lib.name}): the packaged jar stores and delivers with it and
 * copies nothing out of itself, which it does without those flags.
 */
class NativeLibraryIT extends WithFakeFlotiq {
    /** Where sqlite-jdbc keeps the library for this machine; the Dockerfile extracts the same path. */
    static final String LIBRARY = "org/sqlite/native/Linux/" + arch() + "/libsqlitejdbc.so";

    @Test
    void with_the_images_flags_the_library_is_loaded_in_place_and_nothing_is_extracted() throws Exception {
        Path nativeDir = Files.createDirectories(tmp.resolve("native"));
        try (ZipFile jar = new ZipFile(JarProcess.JAR.toFile()); InputStream lib = jar.getInputStream(jar.getEntry(LIBRARY))) {
            Files.copy(lib, nativeDir.resolve("libsqlitejdbc.so"));
        }
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));

        try (JarProcess jar = JarProcess.start(env("in-place"), tmp.resolve("in-place.log"),
                List.of("-Djava.io.tmpdir=" + scratch, "-Dorg.sqlite.lib.path=" + nativeDir,
                        "-Dorg.sqlite.lib.name=libsqlitejdbc.so"))) {
            assertEquals(201, submit(jar), jar.logText());
            assertEquals(List.of(), sqliteFiles(scratch), "nothing copied out of the jar");
        }
    }

    @Test
    void without_them_the_library_is_copied_out_of_the_jar_at_every_start() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));

        try (JarProcess jar = JarProcess.start(env("extracted"), tmp.resolve("extracted.log"),
                List.of("-Djava.io.tmpdir=" + scratch))) {
            assertEquals(201, submit(jar), jar.logText());
            assertTrue(sqliteFiles(scratch).stream().anyMatch(f -> f.endsWith(".so")), sqliteFiles(scratch).toString());
        }
    }

    private Map<String, String> env(String name) {
        return Map.of("FORMGATE_DATA", tmp.resolve(name).toString(), "FORMGATE_SCHEMAS", "schemas",
                "FLOTIQ_API_URL", flotiq.baseUrl().toString(), "FLOTIQ_API_KEY", FakeFlotiq.KEY,
                "FORMGATE_ALLOWED_ORIGINS", "https://www.example.com");
    }

    private static int submit(JarProcess jar) throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(jar.uri("/api/v1/content/contact_form"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\",\"message\":\"Stored with SQLite.\"}"))
                .build();
        return HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> sqliteFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains("sqlite")).toList();
        }
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }
}
