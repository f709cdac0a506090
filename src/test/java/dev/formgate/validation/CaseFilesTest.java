package dev.formgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks src/test/resources/cases/&lt;form&gt;/{valid,invalid}/*.json: a new rule is a new file.
 *
 * <p>Each case has {@code "input"} (a JSON body, validated as sent) or {@code "form"} (field name to
 * values, coerced first). Invalid cases list the exact set of expected {@code field}+{@code code} pairs.
 */
class CaseFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(CaseFilesTest.class.getResource("/cases").toURI());
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> forms = Files.list(root)) {
            for (Path form : forms.sorted().toList()) {
                for (String kind : List.of("valid", "invalid")) {
                    Path dir = form.resolve(kind);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> all.add(
                                Arguments.of(form.getFileName() + "/" + kind + "/" + f.getFileName(), f)));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void case_file_gets_exactly_its_expected_errors(String name, Path file) throws IOException {
        JsonNode schema = JSON.readTree(file.getParent().getParent().resolve("schema.json").toFile());
        JsonNode testCase = JSON.readTree(file.toFile());
        JsonNode document = document(schema, testCase);

        List<FieldError> errors = SchemaValidator.compile(schema).validate(document);

        assertEquals(expected(testCase), actual(errors), () -> name + " got " + errors);
        for (FieldError error : errors) {
            assertFalse(error.message().isBlank(), () -> "blank message in " + error);
            valueAt(document, error.field()).ifPresent(value -> assertFalse(error.message().contains(value),
                    () -> name + ": message echoes the submitted value: " + error));
        }
        assertTrue(file.getParent().getFileName().toString().equals("valid") == errors.isEmpty(),
                () -> name + " is in the wrong folder for " + errors);
    }

    private static JsonNode document(JsonNode schema, JsonNode testCase) {
        if (testCase.has("input")) {
            return testCase.get("input");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        testCase.get("form").fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            field.getValue().forEach(v -> values.add(v.asText()));
            fields.put(field.getKey(), values);
        });
        return new Coercer(schema).coerce(fields);
    }

    private static Set<String> expected(JsonNode testCase) {
        Set<String> pairs = new TreeSet<>();
        testCase.path("errors").forEach(e -> pairs.add(e.get("field").asText() + " " + e.get("code").asText()));
        return pairs;
    }

    private static Set<String> actual(List<FieldError> errors) {
        Set<String> pairs = new TreeSet<>();
        errors.forEach(e -> pairs.add(e.field() + " " + e.code()));
        return pairs;
    }

    /** The submitted text at a field path like "topics[1]" or "address.city", when long enough to be recognisable. */
    private static java.util.Optional<String> valueAt(JsonNode document, String field) {
        JsonNode node = document;
        for (String part : field.replace("[", ".").replace("]", "").split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            node = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node.isTextual() && node.textValue().length() >= 3
                ? java.util.Optional.of(node.textValue()) : java.util.Optional.empty();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
