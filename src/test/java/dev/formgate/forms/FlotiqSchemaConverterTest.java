package dev.formgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlotiqSchemaConverterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final FlotiqSchemaConverter converter = new FlotiqSchemaConverter();

    @Test
    void converts_a_contact_form_ctd_into_the_expected_schema() {
        JsonNode ctd = resource("contact_form.ctd.json");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals(resource("contact-form.expected.schema.json"), pulled.schema());
        assertEquals("contact-form", pulled.formName());
        assertEquals(List.of(), pulled.skipped());
    }

    @Test
    void lists_properties_and_required_fields_in_the_panel_order() {
        JsonNode ctd = resource("contact_form.ctd.json");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals(List.of("name", "email", "topic", "message", "consent"),
                names(pulled.schema().path("properties")));
        assertEquals("[\"name\",\"email\",\"topic\",\"message\",\"consent\"]",
                pulled.schema().path("required").toString());
    }

    @Test
    void converts_every_flotiq_field_kind_and_names_the_ones_a_form_cannot_fill() {
        JsonNode ctd = resource("every_field.ctd.json");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals(resource("every-field.expected.schema.json"), pulled.schema());
        assertEquals(List.of(
                "rich_text (richtext, required)",
                "relation (relation, required)",
                "list (list, required)",
                "geo (geo, required)",
                "media (media, required)",
                "avatar (media)",
                "block (block, required)",
                "simple_list (simpleList, required)"), pulled.skipped());
        assertEquals("every-field", pulled.formName());
    }

    @Test
    void reads_select_options_given_as_value_and_label_objects() {
        JsonNode ctd = ctd("""
                {"plan": {"type": "string"}}""", """
                {"plan": {"label": "Plan", "inputType": "radio", "unique": false,
                          "options": [{"value": "free", "label": "Free"}, {"value": "pro", "label": "Pro"}]}}""");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals("[\"free\",\"pro\"]", pulled.schema().at("/properties/plan/enum").toString());
    }

    @Test
    void takes_a_pattern_from_the_panel_validation_when_the_schema_has_none() {
        JsonNode ctd = ctd("""
                {"zip": {"type": "string"}}""", """
                {"zip": {"label": "ZIP", "inputType": "text", "unique": false,
                         "validation": {"pattern": "^[0-9]{5}$"}}}""");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals("^[0-9]{5}$", pulled.schema().at("/properties/zip/pattern").asText());
    }

    @Test
    void reads_a_ctd_fetched_with_resolved_references_without_its_system_fields() {
        JsonNode ctd = json("""
                {"name": "newsletter_signup", "label": "Newsletter",
                 "schemaDefinition": {"type": "object", "required": ["email"], "additionalProperties": false,
                   "properties": {"email": {"type": "string", "minLength": 1},
                                  "id": {"type": "string"}, "internal": {"type": "object"}}},
                 "metaDefinition": {"order": ["email"],
                   "propertiesConfig": {"email": {"label": "Email", "inputType": "email", "unique": true}}}}""");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals(List.of("email"), names(pulled.schema().path("properties")));
        assertEquals("newsletter-signup", pulled.formName());
        assertEquals(List.of(), pulled.skipped());
    }

    @Test
    void leaves_out_a_field_with_an_input_type_it_does_not_know() {
        JsonNode ctd = ctd("""
                {"colour": {"type": "string"}, "note": {"type": "string"}}""", """
                {"colour": {"label": "Colour", "inputType": "colorPicker", "unique": false},
                 "note": {"label": "Note", "inputType": "text", "unique": false}}""");

        PulledSchema pulled = converter.convert(ctd);

        assertEquals(List.of("note"), names(pulled.schema().path("properties")));
        assertEquals(List.of("colour (unsupported inputType colorPicker)"), pulled.skipped());
    }

    @Test
    void rejects_a_document_that_is_not_a_content_type_definition() {
        JsonNode notACtd = json("""
                {"name": "contact_form", "label": "Contact"}""");

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> converter.convert(notACtd));

        assertTrue(error.getMessage().contains("contact_form"), error.getMessage());
        assertTrue(error.getMessage().contains("schemaDefinition.allOf[1].properties"), error.getMessage());
    }

    @Test
    void rejects_a_content_type_definition_without_a_name() {
        JsonNode nameless = json("""
                {"schemaDefinition": {"allOf": [{}, {"properties": {}}]}}""");

        assertThrows(IllegalArgumentException.class, () -> converter.convert(nameless));
    }

    private JsonNode ctd(String properties, String propertiesConfig) {
        return json("""
                {"name": "probe", "label": "Probe",
                 "schemaDefinition": {"type": "object", "required": [], "additionalProperties": false,
                   "allOf": [{"$ref": "#/components/schemas/AbstractContentTypeSchemaDefinition"},
                             {"type": "object", "properties": %s}]},
                 "metaDefinition": {"propertiesConfig": %s}}""".formatted(properties, propertiesConfig));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode resource(String name) {
        try (InputStream in = getClass().getResourceAsStream("/flotiq/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /flotiq/" + name);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
