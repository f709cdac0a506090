package dev.formgate.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.ConfigException;
import dev.formgate.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whitelist of forms: every {@code *.schema.json} in the schemas directory, loaded and checked once.
 */
public final class FormRegistry {
    private final Map<String, FormDefinition> byName;
    private final Map<String, FormDefinition> byContentType;

    private FormRegistry(Map<String, FormDefinition> byName, Map<String, FormDefinition> byContentType) {
        this.byName = Collections.unmodifiableMap(byName);
        this.byContentType = Collections.unmodifiableMap(byContentType);
    }

    /** Loads every schema in {@code settings.schemasDir()}; throws {@link ConfigException} naming each bad file and key. */
    public static FormRegistry load(Settings settings, ObjectMapper json) {
        Path dir = settings.schemasDir();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("environment FORMGATE_SCHEMAS: " + dir.toAbsolutePath()
                    + " is not a directory; create it and add <form>.schema.json files, or point FORMGATE_SCHEMAS at one");
        }
        FormLoader loader = new FormLoader(json, settings);
        List<String> problems = new ArrayList<>();
        Map<String, FormDefinition> byName = new LinkedHashMap<>();
        Map<String, FormDefinition> byType = new LinkedHashMap<>();
        for (Path file : schemaFiles(dir)) {
            loader.load(file, problems).ifPresent(form -> {
                FormDefinition other = byType.putIfAbsent(form.contentType(), form);
                if (other != null) {
                    problems.add(file + ": x-formgate.contentType \"" + form.contentType()
                            + "\": already used by " + other.file() + "; each content type belongs to one form");
                }
                byName.put(form.name(), form);
            });
        }
        if (byName.isEmpty() && problems.isEmpty()) {
            problems.add("environment FORMGATE_SCHEMAS: " + dir.toAbsolutePath()
                    + " has no *.schema.json files; add one per form");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new FormRegistry(byName, byType);
    }

    private static List<Path> schemaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(FormLoader.SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("environment FORMGATE_SCHEMAS: cannot list " + dir + ": " + e.getMessage());
        }
    }

    public Optional<FormDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<FormDefinition> byContentType(String contentType) {
        return Optional.ofNullable(byContentType.get(contentType));
    }

    public Collection<FormDefinition> all() {
        return byName.values();
    }
}
