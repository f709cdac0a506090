package dev.formgate.validation;

import static dev.formgate.validation.CaseFilesTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaCompileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"$schema\": \"https://example.com/my-dialect\"}                       | unsupported $schema",
            "{\"$schema\": \"http://json-schema.org/draft-04/schema#\"}              | unsupported $schema",
            "{\"$schema\": 7}                                                        | unsupported $schema",
            "{\"type\": \"stringy\"}                                                 | /type",
            "{\"properties\": {\"name\": {\"minLength\": \"abc\"}}}                  | /properties/name/minLength",
            "{\"properties\": {\"name\": {\"maxLength\": -1}}}                       | /properties/name/maxLength",
            "{\"required\": \"name\"}                                                | /required",
            "{\"properties\": {\"p\": {\"pattern\": \"[\"}}}                         | /properties/p/pattern",
            "{\"properties\": {\"zip\": {\"format\": \"zip-code\"}}}             | /properties/zip/format: unknown format 'zip-code'",
            "{\"$ref\": \"#/$defs/missing\"}                                         | /$defs/missing",
            "[1, 2]                                                                  | must be a JSON object"})
    void rejects_a_broken_schema_with_a_message_naming_the_place(String schema, String expectedInMessage) {
        SchemaException error = assertThrows(SchemaException.class, () -> SchemaValidator.compile(read(schema)));

        assertTrue(error.getMessage().contains(expectedInMessage),
                () -> "message should mention '" + expectedInMessage + "': " + error.getMessage());
    }

    @Test
    void does_not_fetch_remote_references() {
        String schema = "{\"properties\": {\"a\": {\"$ref\": \"https://schemas.example.invalid/address.json\"}}}";

        assertThrows(SchemaException.class, () -> SchemaValidator.compile(read(schema)));
    }

    @Test
    void resolves_local_references_to_defs() {
        String schema = """
                {"$defs": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"}},
                 "properties": {"home": {"$ref": "#/$defs/zip"}, "work": {"$ref": "#/$defs/zip"}}}""";

        List<FieldError> errors = SchemaValidator.compile(read(schema)).validate(read("{\"home\": \"12345\", \"work\": \"x\"}"));

        assertEquals(List.of(new FieldError("work", "pattern", "is not in the expected format")), errors);
    }

    @Test
    void accepts_a_boolean_schema() {
        SchemaValidator anything = SchemaValidator.compile(read("true"));

        assertEquals(List.of(), anything.validate(read("{\"a\": 1}")));
    }

    @Test
    void compiles_two_schemas_with_the_same_id_independently() {
        SchemaValidator first = SchemaValidator.compile(read("{\"$id\": \"https://example.com/form\", \"type\": \"object\"}"));
        SchemaValidator second = SchemaValidator.compile(read("{\"$id\": \"https://example.com/form\", \"type\": \"array\"}"));

        assertEquals(List.of(), first.validate(read("{}")));
        assertEquals(List.of(), second.validate(read("[]")));
    }
}
