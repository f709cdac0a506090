package dev.formgate.validation;

import static dev.formgate.validation.CaseFilesTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoercerTest {
    private static final Coercer COERCER = new Coercer(read("""
            {"type": "object",
             "properties": {
               "name": {"type": "string"},
               "age": {"type": "integer"},
               "score": {"type": "number"},
               "agree": {"type": "boolean"},
               "maybeAge": {"type": ["null", "integer"]},
               "code": {"type": ["string", "integer"]},
               "topics": {"type": "array", "items": {"type": "string"}},
               "ratings": {"type": "array", "items": {"type": "integer"}},
               "flags": {"type": ["array", "null"], "items": {"type": ["boolean", "null"]}},
               "newsletter": {"type": "boolean", "default": false},
               "tags": {"type": "array", "default": ["new"]},
               "address": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "integer"}}}
             }}"""));

    /** Builds the fields map from name/value pairs, keeping arrival order like a real form body. */
    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return fields;
    }

    private static ObjectNode coerce(String... pairs) {
        return COERCER.coerce(form(pairs));
    }

    /** The coerced document without the schema defaults, to keep expectations focused. */
    private static JsonNode withoutDefaults(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(List.of("newsletter", "tags"));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"_gotcha", "_redirect", "_next", "cf-turnstile-response", "h-captcha-response", "g-recaptcha-response"})
    void recognises_control_fields(String name) {
        assertTrue(Coercer.isControlField(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "email", "captcha", "turnstile", "my_field", "g-recaptcha"})
    void treats_other_names_as_data(String name) {
        assertFalse(Coercer.isControlField(name));
    }

    @Test
    void stores_form_line_breaks_as_lf_like_json_clients_send_them() {
        ObjectNode document = coerce("name", "line one\r\nline two\r\n\r\nthree");

        assertEquals("line one\nline two\n\nthree", document.get("name").asText());
    }

    @Test
    void drops_control_fields_from_the_output() {
        ObjectNode document = coerce("_gotcha", "", "_redirect", "https://example.com", "cf-turnstile-response", "t",
                "h-captcha-response", "h", "g-recaptcha-response", "g", "_list[]", "x", "name", "Ada");

        assertEquals(read("{\"name\": \"Ada\"}"), withoutDefaults(document));
    }

    @Test
    void trims_values_and_treats_blank_ones_as_absent() {
        ObjectNode document = coerce("name", "  Ada \n", "age", "   ", "score", "", "agree", "\t");

        assertEquals(read("{\"name\": \"Ada\"}"), withoutDefaults(document));
    }

    @Test
    void drops_blank_elements_of_arrays_and_the_array_when_nothing_is_left() {
        ObjectNode document = coerce("topics[]", "", "topics[]", " sales ", "topics[]", " ", "ratings[]", "", "ratings[]", "  ");

        assertEquals(read("{\"topics\": [\"sales\"]}"), withoutDefaults(document));
    }

    @Test
    void merges_bracketed_and_plain_names_into_one_array_in_arrival_order() {
        ObjectNode document = coerce("topics[]", "a", "topics", "b", "topics[]", "c");

        assertEquals(read("{\"topics\": [\"a\", \"c\", \"b\"]}"), withoutDefaults(document));
    }

    @Test
    void repeats_of_an_undeclared_name_become_an_array_of_strings() {
        ObjectNode document = coerce("color", "red", "color", "blue");

        assertEquals(read("{\"color\": [\"red\", \"blue\"]}"), withoutDefaults(document));
    }

    @Test
    void wraps_a_single_value_for_an_array_property() {
        ObjectNode document = coerce("topics", "sales");

        assertEquals(read("{\"topics\": [\"sales\"]}"), withoutDefaults(document));
    }

    @Test
    void keeps_multiple_values_for_a_scalar_property_as_an_array_so_validation_reports_it() {
        ObjectNode document = coerce("name", "Ada", "name", "Grace", "age", "1", "age", "2");

        assertEquals(read("{\"name\": [\"Ada\", \"Grace\"], \"age\": [1, 2]}"), withoutDefaults(document));
    }

    @ParameterizedTest
    @CsvSource({"42, 42", "-3, -3", "+7, 7", "0, 0", "9999999999, 9999999999", "123456789012345678901234567890, 123456789012345678901234567890"})
    void converts_integer_strings(String sent, String expectedJson) {
        ObjectNode document = coerce("age", sent);

        assertEquals(read(expectedJson), document.get("age"));
        assertTrue(document.get("age").isIntegralNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e3", "forty", "12abc", "-", "0x10", "1.0"})
    void leaves_non_integers_as_strings_for_an_integer_property(String sent) {
        ObjectNode document = coerce("age", sent);

        assertEquals(read("\"" + sent + "\""), document.get("age"));
    }

    @ParameterizedTest
    @CsvSource({"1.5, 1.5", "1e3, 1000.0", "-3, -3", "42, 42", ".5, 0.5", "-2.25E-1, -0.225"})
    void converts_number_strings(String sent, String expectedJson) {
        ObjectNode document = coerce("score", sent);

        assertEquals(read(expectedJson), document.get("score"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1f", "1d", "0x1p3", "1e999", "one", "1,5"})
    void leaves_non_numbers_as_strings_for_a_number_property(String sent) {
        ObjectNode document = coerce("score", sent);

        assertEquals(read("\"" + sent + "\""), document.get("score"));
    }

    @ParameterizedTest
    @CsvSource({"on, true", "true, true", "1, true", "yes, true", "YES, true", "On, true",
            "off, false", "false, false", "0, false", "no, false", "FALSE, false", "No, false"})
    void converts_boolean_words_case_insensitively(String sent, boolean expected) {
        ObjectNode document = coerce("agree", sent);

        assertEquals(expected, document.get("agree").booleanValue());
        assertTrue(document.get("agree").isBoolean());
    }

    @Test
    void leaves_an_unknown_boolean_word_as_a_string() {
        ObjectNode document = coerce("agree", "maybe");

        assertEquals(read("\"maybe\""), document.get("agree"));
    }

    @Test
    void converts_array_items_by_the_items_type() {
        ObjectNode document = coerce("ratings[]", "5", "ratings[]", "4", "ratings[]", "lots", "flags", "on", "flags", "off");

        assertEquals(read("[5, 4, \"lots\"]"), document.get("ratings"));
        assertEquals(read("[true, false]"), document.get("flags"));
    }

    @Test
    void uses_the_first_type_that_is_neither_null_nor_string_in_a_type_list() {
        ObjectNode document = coerce("maybeAge", "30", "code", "007");

        assertEquals(read("30"), document.get("maybeAge"));
        assertEquals(read("7"), document.get("code"));
    }

    @Test
    void keeps_undeclared_properties_as_strings() {
        ObjectNode document = coerce("website", "42");

        assertEquals(read("\"42\""), document.get("website"));
    }

    @Test
    void fills_defaults_for_missing_top_level_properties_only() {
        ObjectNode missing = coerce("name", "Ada");
        ObjectNode present = coerce("newsletter", "on", "tags", "vip");

        assertEquals(read("{\"name\": \"Ada\", \"newsletter\": false, \"tags\": [\"new\"]}"), missing);
        assertEquals(read("{\"newsletter\": true, \"tags\": [\"vip\"]}"), present);
    }

    @Test
    void fills_a_default_when_the_only_value_sent_is_blank() {
        ObjectNode document = coerce("newsletter", " ");

        assertEquals(read("false"), document.get("newsletter"));
    }

    @Test
    void copies_defaults_so_callers_cannot_change_the_next_submission() {
        ObjectNode first = coerce();
        ((com.fasterxml.jackson.databind.node.ArrayNode) first.get("tags")).add("changed");

        ObjectNode second = coerce();

        assertEquals(read("[\"new\"]"), second.get("tags"));
        assertNotSame(first.get("tags"), second.get("tags"));
    }

    @Test
    void builds_nested_objects_from_dotted_and_bracketed_names() {
        ObjectNode dotted = coerce("address.city", " Paris ", "address.zip", "75001");
        ObjectNode bracketed = coerce("address[city]", "Paris", "address[zip]", "75001");

        assertEquals(read("{\"address\": {\"city\": \"Paris\", \"zip\": 75001}}"), withoutDefaults(dotted));
        assertEquals(withoutDefaults(dotted), withoutDefaults(bracketed));
    }

    @Test
    void does_not_create_a_nested_object_for_blank_values() {
        ObjectNode document = coerce("address.city", "  ");

        assertEquals(read("{}"), withoutDefaults(document));
    }

    @Test
    void keeps_dotted_names_literal_when_the_schema_declares_no_such_object() {
        ObjectNode document = coerce("name.first", "Ada", "other[x]", "y");

        assertEquals(read("{\"name.first\": \"Ada\", \"other.x\": \"y\"}"), withoutDefaults(document));
    }

    @Test
    void keeps_malformed_bracket_names_as_sent() {
        ObjectNode document = coerce("a[b", "1", "[x]", "2", "a[][b]", "3");

        assertEquals(read("{\"a[b\": \"1\", \"[x]\": \"2\", \"a[][b]\": \"3\"}"), withoutDefaults(document));
    }

    @Test
    void coerced_form_validates_like_the_equivalent_json() {
        JsonNode schema = read("""
                {"type": "object", "required": ["age", "agree"], "additionalProperties": false,
                 "properties": {"age": {"type": "integer", "minimum": 18}, "agree": {"type": "boolean", "const": true},
                                "topics": {"type": "array", "items": {"type": "string"}}}}""");

        List<FieldError> errors = SchemaValidator.compile(schema).validate(
                new Coercer(schema).coerce(form("age", "17", "agree", "off", "topics", "x", "_gotcha", "")));

        assertEquals(List.of(new FieldError("age", "minimum", "must be at least 18"),
                new FieldError("agree", "const", "must be true")), errors);
    }
}
