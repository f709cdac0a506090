package dev.formgate.validation;

import static dev.formgate.validation.CaseFilesTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaValidatorTest {
    private static final String CONTACT = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "required": ["name", "email", "message"], "additionalProperties": false,
             "properties": {
               "name": {"type": "string", "minLength": 2, "maxLength": 100},
               "email": {"type": "string", "format": "email"},
               "message": {"type": "string", "minLength": 10, "maxLength": 5000},
               "topics": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": true, "minItems": 1, "maxItems": 2}
             },
             "x-formgate": {"contentType": "contact_form"}}""";

    private static List<FieldError> validate(String schema, String document) {
        return SchemaValidator.compile(read(schema)).validate(read(document));
    }

    private static FieldError only(List<FieldError> errors) {
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        return errors.get(0);
    }

    @Test
    void accepts_a_valid_document_with_no_errors() {
        List<FieldError> errors = validate(CONTACT, """
                {"name": "Ada", "email": "ada@example.com", "message": "Hello there, world", "topics": ["a"]}""");

        assertEquals(List.of(), errors);
    }

    @Test
    void reports_every_missing_required_property_by_its_name() {
        List<FieldError> errors = validate(CONTACT, "{}");

        assertEquals(List.of(
                new FieldError("email", "required", "is required"),
                new FieldError("message", "required", "is required"),
                new FieldError("name", "required", "is required")), errors);
    }

    @Test
    void reports_all_errors_at_once_sorted_by_field_then_code() {
        List<FieldError> errors = validate(CONTACT, """
                {"name": "A", "email": "not-an-email", "topics": ["a", "z", "a"], "zip": "1"}""");

        assertEquals(List.of(
                new FieldError("email", "format", "must be a valid email address"),
                new FieldError("message", "required", "is required"),
                new FieldError("name", "minLength", "must be at least 2 characters"),
                new FieldError("topics", "maxItems", "must have at most 2 items"),
                new FieldError("topics", "uniqueItems", "must not contain duplicates"),
                new FieldError("topics[1]", "enum", "must be one of: a, b, c"),
                new FieldError("zip", "additionalProperties", "is not an allowed field")), errors);
    }

    @Test
    void reports_length_limits_in_plain_words() {
        String longMessage = "x".repeat(5001);

        List<FieldError> errors = validate(CONTACT,
                "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"message\": \"" + longMessage + "\", \"topics\": []}");

        assertEquals(List.of(
                new FieldError("message", "maxLength", "must be at most 5000 characters"),
                new FieldError("topics", "minItems", "must have at least 1 item")), errors);
    }

    @ParameterizedTest
    @CsvSource({
            "email, not-an-email, must be a valid email address",
            "uri, not a uri, must be a valid URI",
            "date, 2024-02-30, must be a valid date (YYYY-MM-DD)",
            "date-time, 2024-01-01, must be a valid date and time (YYYY-MM-DDThh:mm:ssZ)",
            "uuid, 1234-not-a-uuid, must be a valid UUID"})
    void asserts_formats_instead_of_treating_them_as_annotations(String format, String bad, String message) {
        String schema = "{\"properties\": {\"v\": {\"type\": \"string\", \"format\": \"" + format + "\"}}}";

        List<FieldError> errors = validate(schema, "{\"v\": \"" + bad + "\"}");

        assertEquals(new FieldError("v", "format", message), only(errors));
    }

    @ParameterizedTest
    @CsvSource({
            "email, ada@example.com",
            "uri, https://example.com/a?b=c",
            "date, 2024-02-29",
            "date-time, 2024-01-01T10:00:00Z",
            "uuid, 123e4567-e89b-12d3-a456-426614174000"})
    void accepts_well_formed_values_for_asserted_formats(String format, String good) {
        String schema = "{\"properties\": {\"v\": {\"type\": \"string\", \"format\": \"" + format + "\"}}}";

        List<FieldError> errors = validate(schema, "{\"v\": \"" + good + "\"}");

        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"integer\"}                      | \"12\"   | type             | must be an integer",
            "{\"type\": [\"integer\", \"null\"]}          | 1.5      | type             | must be an integer or null",
            "{\"type\": \"boolean\"}                      | \"yes\"  | type             | must be a boolean",
            "{\"minimum\": 18}                            | 17       | minimum          | must be at least 18",
            "{\"maximum\": 2.5}                           | 3        | maximum          | must be at most 2.5",
            "{\"minimum\": 2.0}                           | 1        | minimum          | must be at least 2",
            "{\"minimum\": 1.50}                          | 1        | minimum          | must be at least 1.5",
            "{\"maximum\": 12345678901234567890}          | 12345678901234567891 | maximum | must be at most 12345678901234567890",
            "{\"minLength\": 2}                           | \"a\"    | minLength        | must be at least 2 characters",
            "{\"exclusiveMinimum\": 0}                    | 0        | exclusiveMinimum | must be greater than 0",
            "{\"exclusiveMaximum\": 10}                   | 10       | exclusiveMaximum | must be less than 10",
            "{\"multipleOf\": 5}                          | 7        | multipleOf       | must be a multiple of 5",
            "{\"const\": true}                            | false    | const            | must be true",
            "{\"pattern\": \"^[0-9]{5}$\"}                | \"abcde\"| pattern          | is not in the expected format",
            "{\"maxLength\": 1}                           | \"ab\"   | maxLength        | must be at most 1 character",
            "{\"enum\": [\"red\", 2, null]}               | \"blue\" | enum             | must be one of: red, 2, null",
            "{\"type\": \"array\", \"contains\": {\"const\": 1}} | [2] | minContains      | must contain at least 1 matching item",
            "{\"not\": {\"const\": \"admin\"}}            | \"admin\"| not              | is not allowed"})
    void maps_each_keyword_to_its_code_and_our_own_sentence(String rule, String value, String code, String message) {
        String schema = "{\"properties\": {\"v\": " + rule + "}}";

        List<FieldError> errors = validate(schema, "{\"v\": " + value + "}");

        assertEquals(new FieldError("v", code, message), only(errors));
    }

    @Test
    void never_echoes_the_submitted_value_in_messages() {
        String secret = "Sekret-Value-4711";
        String schema = """
                {"properties": {
                  "a": {"format": "email"}, "b": {"pattern": "^x$"}, "c": {"enum": ["x"]}, "d": {"const": "x"},
                  "e": {"type": "integer"}, "f": {"maxLength": 3}, "g": {"format": "uuid"}, "h": {"format": "date"}},
                 "additionalProperties": false}""";
        String document = """
                {"a": "%1$s", "b": "%1$s", "c": "%1$s", "d": "%1$s", "e": "%1$s", "f": "%1$s", "g": "%1$s",
                 "h": "%1$s", "%1$s": "%1$s"}""".formatted(secret);

        List<FieldError> errors = validate(schema, document);

        assertEquals(9, errors.size(), () -> errors.toString());
        errors.forEach(e -> assertFalse(e.message().contains(secret), () -> "echoed in " + e));
    }

    @Test
    void names_nested_fields_with_dots_and_array_indexes() {
        String schema = """
                {"properties": {
                  "address": {"type": "object", "required": ["city"], "properties": {"zip": {"type": "string"}}},
                  "people": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                             "properties": {"age": {"type": "integer"}}}}}}""";

        List<FieldError> errors = validate(schema, """
                {"address": {"zip": 1}, "people": [{"age": 3}, {"age": "x", "nick": "y"}]}""");

        assertEquals(List.of(
                new FieldError("address.city", "required", "is required"),
                new FieldError("address.zip", "type", "must be a string"),
                new FieldError("people[1].age", "type", "must be an integer"),
                new FieldError("people[1].nick", "additionalProperties", "is not an allowed field")), errors);
    }

    @Test
    void reports_a_wrong_document_type_against_the_empty_field() {
        List<FieldError> errors = validate(CONTACT, "[1, 2]");

        assertEquals(new FieldError("", "type", "must be an object"), only(errors));
    }

    @Test
    void reports_a_failed_any_of_once_at_its_field_instead_of_every_branch() {
        String schema = """
                {"properties": {"contact": {"anyOf": [{"type": "string", "format": "email"}, {"type": "integer"}]}}}""";

        List<FieldError> errors = validate(schema, "{\"contact\": \"nope\"}");

        assertEquals(new FieldError("contact", "anyOf", "must match at least one of the allowed forms"), only(errors));
    }

    @Test
    void reports_a_failed_one_of_once_at_its_field() {
        String schema = """
                {"properties": {"id": {"oneOf": [{"type": "integer"}, {"minimum": 0}]}}}""";

        List<FieldError> bothMatch = validate(schema, "{\"id\": 5}");
        List<FieldError> noneMatch = validate(schema, "{\"id\": \"x\"}");

        assertEquals(new FieldError("id", "oneOf", "must match exactly one of the allowed forms"), only(bothMatch));
        assertEquals(List.of(), noneMatch, "a string passes minimum (it only applies to numbers) so exactly one branch matches");
    }

    @Test
    void honors_draft_07_dependencies_naming_the_missing_property() {
        String schema = """
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "dependencies": {"card": ["expiry", "cvc"]}}""";

        List<FieldError> errors = validate(schema, "{\"card\": \"4111\", \"cvc\": \"123\"}");

        assertEquals(new FieldError("expiry", "dependencies", "is required when card is present"), only(errors));
    }

    @Test
    void honors_draft_07_tuple_items_that_2020_12_rejects() {
        String tuple = """
                {"$schema": "%s", "type": "array", "items": [{"type": "string"}], "additionalItems": false}""";

        List<FieldError> errors = validate(tuple.formatted("http://json-schema.org/draft-07/schema"), "[\"a\", \"b\"]");

        assertEquals("additionalItems", only(errors).code());
        assertThrows(SchemaException.class,
                () -> SchemaValidator.compile(read(tuple.formatted("https://json-schema.org/draft/2020-12/schema"))));
    }

    @Test
    void honors_draft_2019_09_dependent_required() {
        String schema = """
                {"$schema": "https://json-schema.org/draft/2019-09/schema",
                 "dependentRequired": {"card": ["expiry"]}}""";

        List<FieldError> errors = validate(schema, "{\"card\": \"4111\"}");

        assertEquals(new FieldError("expiry", "dependentRequired", "is required when card is present"), only(errors));
    }

    @Test
    void defaults_to_2020_12_when_no_schema_is_declared() {
        String schema = """
                {"prefixItems": [{"type": "integer"}], "items": false}""";

        List<FieldError> errors = validate(schema, "[1, 2]");

        assertEquals("items", only(errors).code());
    }

    @Test
    void ignores_the_x_formgate_vendor_keyword_whatever_it_contains() {
        String schema = """
                {"type": "object", "x-formgate": {"minLength": "nonsense", "required": 42, "type": "nope"},
                 "properties": {"a": {"type": "string", "x-formgate": {"widget": "textarea"}}}}""";

        List<FieldError> errors = validate(schema, "{\"a\": \"x\"}");

        assertEquals(List.of(), errors);
    }

    @Test
    void is_safe_to_share_between_threads() throws InterruptedException {
        SchemaValidator validator = SchemaValidator.compile(read(CONTACT));
        JsonNode bad = read("{\"name\": \"A\", \"email\": \"x\", \"message\": \"short\"}");
        List<FieldError> expected = validator.validate(bad);
        List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    if (!validator.validate(bad).equals(expected)) {
                        failures.add(new AssertionError("different result on iteration " + i));
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }

        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(3, expected.size());
        assertTrue(failures.isEmpty(), () -> failures.toString());
    }
}
