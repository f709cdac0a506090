package dev.formgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks that fly.toml, the Dockerfile and the code's defaults tell the same story.
 *
 * <p>Plain line parsing, no TOML library: the files are small and written by hand.
 */
class DeploymentFilesTest {

    /** The code's default PORT (what EnvSettings gives with nothing set); GET /health is served on it. */
    private static final String DEFAULT_PORT = String.valueOf(dev.formgate.config.EnvSettings.load(Map.of()).port());

    private final List<Table> fly = Table.parse(read("fly.toml"));
    private final List<Instruction> docker = Instruction.parse(read("Dockerfile"));

    @Test
    void serves_one_port_everywhere() {
        String internalPort = table("http_service").get("internal_port");

        assertEquals(DEFAULT_PORT, internalPort);
        assertEquals(DEFAULT_PORT, table("env").get("PORT"));
        assertEquals(DEFAULT_PORT, dockerEnv().get("PORT"));
        assertEquals(List.of(DEFAULT_PORT), finalStage("EXPOSE"));
        assertEquals(DEFAULT_PORT, table("checks.ready").get("port"));
    }

    @Test
    void routes_on_the_health_check_and_watches_readiness() {
        List<Table> routingChecks = tables("http_service.checks");

        assertEquals(1, routingChecks.size());
        assertEquals("/health", routingChecks.get(0).get("path"));
        assertEquals("GET", routingChecks.get(0).get("method"));
        assertEquals("/ready", table("checks.ready").get("path"));
        assertEquals("http", table("checks.ready").get("type"));
    }

    @Test
    void keeps_the_data_directory_on_the_mounted_volume() {
        String data = table("env").get("FORMGATE_DATA");

        assertEquals("/data", data);
        assertEquals(data, table("mounts").get("destination"));
        assertEquals(data, dockerEnv().get("FORMGATE_DATA"));
        assertEquals(List.of(data), finalStage("VOLUME"));
        assertEquals("formgate_data", table("mounts").get("source"));
    }

    @Test
    void trusts_the_fly_proxy_for_client_addresses() {
        assertEquals("fly", table("env").get("FORMGATE_TRUSTED_PROXY"));
    }

    @Test
    void runs_on_a_256_mb_shared_machine() {
        Table vm = table("vm");

        assertEquals("256mb", vm.get("memory"));
        assertEquals("shared", vm.get("cpu_kind"));
        assertEquals("1", vm.get("cpus"));
        assertEquals("Dockerfile", table("build").get("dockerfile"));
    }

    @Test
    void puts_no_secret_in_fly_toml_or_the_image() {
        List<String> flyKeys = fly.stream().flatMap(t -> t.values().keySet().stream()).collect(Collectors.toList());

        for (String key : flyKeys) {
            assertFalse(looksSecret(key), "fly.toml sets " + key + "; use `fly secrets set` instead");
        }
        for (String key : dockerEnv().keySet()) {
            assertFalse(looksSecret(key), "Dockerfile sets ENV " + key);
        }
        assertFalse(read("fly.toml").lines().anyMatch(line -> line.strip().startsWith("FLOTIQ_API_KEY")));
    }

    @Test
    void trains_the_aot_cache_with_the_jvm_flags_the_service_starts_with() {
        List<String> entrypoint = entrypoint();
        String training = finalStageRuns().stream().filter(run -> run.contains(" check")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN ... formgate.jar check in the final stage"));
        List<String> trainingArgs = List.of(training.substring(training.indexOf("java ") + 5).split("\\s+"));

        List<String> serviceFlags = jvmFlags(entrypoint.subList(entrypoint.indexOf("java") + 1, entrypoint.size()));
        List<String> trainingFlags = jvmFlags(trainingArgs);
        assertEquals(serviceFlags, trainingFlags);
        assertTrue(entrypoint.contains("-XX:AOTCache=/app/formgate.aot"), entrypoint.toString());
        assertTrue(trainingArgs.contains("-XX:AOTCacheOutput=/app/formgate.aot"), training);
        assertEquals(List.of("-jar", "/app/formgate.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        // the training run serves sample traffic, so the server classes (Jetty, intake, outbox) are in the cache
        assertTrue(training.contains("-jar /app/formgate.jar check --exercise"), training);
    }

    @Test
    void starts_java_through_the_script_that_drops_root() {
        List<String> entrypoint = entrypoint();
        String script = read("docker-entrypoint.sh");

        assertEquals("/app/docker-entrypoint.sh", entrypoint.get(0));
        assertEquals("java", entrypoint.get(1));
        assertTrue(script.contains("exec setpriv --reuid=formgate --regid=formgate"), script);
        assertTrue(finalStageRuns().stream().anyMatch(run -> run.contains("useradd") && run.contains("formgate")));
        assertTrue(Files.isExecutable(Path.of("docker-entrypoint.sh")), "docker-entrypoint.sh must be executable");
    }

    @Test
    void sizes_the_heap_for_the_machine_and_keeps_the_c2_compiler() {
        List<String> flags = jvmFlags(entrypoint());

        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage=") || f.startsWith("-Xmx")));
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel")), flags.toString());
    }

    @Test
    void loads_sqlites_native_library_from_where_the_build_puts_it() {
        List<String> flags = jvmFlags(entrypoint());
        String dir = flagValue(flags, "-Dorg.sqlite.lib.path=");
        String name = flagValue(flags, "-Dorg.sqlite.lib.name=");

        // the final stage copies the library to exactly that file
        assertTrue(finalStageAll("COPY").stream().anyMatch(copy -> copy.endsWith(" " + dir + "/" + name)),
                "no COPY to " + dir + "/" + name + " in the final stage");
        // the build stage extracts sqlite-jdbc's library for the machine's architecture, a path the jar has for both
        // architectures Fly runs (x86_64 and aarch64): an upgrade that moves it fails here, not at deploy
        String extract = "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so";
        assertTrue(read("Dockerfile").contains(extract), "the Dockerfile extracts " + extract);
        for (String arch : List.of("x86_64", "aarch64")) {
            String resource = extract.replace("$(uname -m)", arch);
            assertTrue(getClass().getClassLoader().getResource(resource) != null, resource + " is not in sqlite-jdbc");
        }
    }

    private static String flagValue(List<String> flags, String prefix) {
        return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + flags));
    }

    @Test
    void the_benchmark_runs_the_jvm_flags_of_the_image() {
        List<String> bench = read("bench/jvm.opts").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toList());
        List<String> image = new ArrayList<>(jvmFlags(entrypoint()));
        image.add("-XX:MaxRAM=256m"); // the benchmark's stand-in for the machine's memory limit

        assertEquals(image, bench);
    }

    @Test
    void leaves_build_output_data_and_history_out_of_the_build_context() {
        List<String> ignored = read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toList());

        for (String required : List.of("target/", "data/", ".git", "bench/out/")) {
            assertTrue(ignored.contains(required), ".dockerignore lacks " + required);
        }
        assertFalse(ignored.contains("schemas/") || ignored.contains("src/") || ignored.contains("pom.xml"));
    }

    private static boolean looksSecret(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        return upper.contains("KEY") || upper.contains("SECRET") || upper.contains("TOKEN")
                || upper.contains("PASSWORD");
    }

    /** JVM options only: what comes before -jar, without the AOT cache in/out flags that differ on purpose. */
    private static List<String> jvmFlags(List<String> args) {
        List<String> flags = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-jar")) {
                break;
            }
            if (arg.startsWith("-") && !arg.startsWith("-XX:AOTCache")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    private List<String> entrypoint() {
        String json = finalStage("ENTRYPOINT").stream().collect(Collectors.joining(" "));
        try {
            return List.of(new ObjectMapper().readValue(json, String[].class));
        } catch (IOException e) {
            throw new AssertionError("ENTRYPOINT is not a JSON array (exec form): " + json, e);
        }
    }

    private Map<String, String> dockerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String words : finalStageAll("ENV")) {
            for (String pair : words.split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    env.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
                }
            }
        }
        return env;
    }

    private List<String> finalStageRuns() {
        return finalStageAll("RUN");
    }

    private List<String> finalStage(String keyword) {
        List<String> all = finalStageAll(keyword);
        assertEquals(1, all.size(), "expected one " + keyword + " in the final Dockerfile stage");
        return List.of(all.get(0).split("\\s+"));
    }

    private List<String> finalStageAll(String keyword) {
        int lastFrom = 0;
        for (int i = 0; i < docker.size(); i++) {
            if (docker.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return docker.subList(lastFrom, docker.size()).stream()
                .filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments)
                .collect(Collectors.toList());
    }

    private Table table(String name) {
        List<Table> found = tables(name);
        assertEquals(1, found.size(), "expected one [" + name + "] in fly.toml");
        return found.get(0);
    }

    private List<Table> tables(String name) {
        return fly.stream().filter(t -> t.name().equals(name)).collect(Collectors.toList());
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the project root: " + file, e);
        }
    }

    /** One [table] or [[array table]] of fly.toml with its key = value lines; "" is the top level. */
    record Table(String name, Map<String, String> values) {
        String get(String key) {
            return values.get(key);
        }

        static List<Table> parse(String toml) {
            List<Table> tables = new ArrayList<>();
            Table current = new Table("", new LinkedHashMap<>());
            tables.add(current);
            for (String raw : toml.split("\n")) {
                String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')).strip() : raw.strip();
                if (line.startsWith("[")) {
                    current = new Table(line.replace("[", "").replace("]", "").strip(), new LinkedHashMap<>());
                    tables.add(current);
                } else if (line.contains("=")) {
                    String key = line.substring(0, line.indexOf('=')).strip();
                    String value = line.substring(line.indexOf('=') + 1).strip().replace("\"", "");
                    current.values().put(key, value);
                }
            }
            return tables;
        }
    }

    /** One Dockerfile instruction, continuation lines joined and comments dropped. */
    record Instruction(String keyword, String arguments) {
        static List<Instruction> parse(String dockerfile) {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String raw : dockerfile.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) {
                    continue;
                }
                boolean continues = line.endsWith("\\");
                pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    String text = pending.toString().strip();
                    int space = text.indexOf(' ');
                    instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                            text.substring(space + 1).strip()));
                    pending.setLength(0);
                }
            }
            return instructions;
        }
    }
}
