package dev.formgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Converts a Flotiq content type definition (CTD) into a FormGate JSON Schema (draft 2020-12).
 *
 * <p>Fields come from {@code schemaDefinition.allOf[1].properties} (or {@code schemaDefinition.properties}
 * when the CTD was fetched with {@code resolveRef=true}), in the panel's {@code metaDefinition.order}.
 * Fields a public form cannot fill (relations, media, rich text, blocks, geo points, lists) are left out
 * and named in {@link PulledSchema#skipped()}.
 */
public final class FlotiqSchemaConverter {

    static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** Properties Flotiq adds to every object; they appear only in a CTD fetched with resolveRef. */
    private static final Set<String> SYSTEM_PROPERTIES = Set.of("id", "internal");

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final FlotiqFieldMapper fields = new FlotiqFieldMapper();

    /**
     * Converts one CTD, as returned by {@code GET /api/v1/internal/contenttype/{name}}.
     *
     * @throws IllegalArgumentException when the document has no {@code name} or no field properties
     */
    public PulledSchema convert(JsonNode contentTypeDefinition) {
        String name = contentTypeDefinition.path("name").asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException("content type definition has no \"name\"");
        }
        JsonNode properties = properties(name, contentTypeDefinition.path("schemaDefinition"));
        JsonNode config = contentTypeDefinition.path("metaDefinition").path("propertiesConfig");
        Set<String> flotiqRequired = required(contentTypeDefinition.path("schemaDefinition"));

        ObjectNode kept = json.objectNode();
        List<String> skipped = new ArrayList<>();
        for (String field : fieldOrder(properties, contentTypeDefinition.path("metaDefinition").path("order"))) {
            FlotiqFieldMapper.Mapping mapping = fields.map(properties.path(field), config.path(field));
            if (mapping instanceof FlotiqFieldMapper.Kept k) {
                kept.set(field, k.schema());
            } else if (mapping instanceof FlotiqFieldMapper.Skipped s) {
                skipped.add(field + " (" + s.kind() + (flotiqRequired.contains(field) ? ", required)" : ")"));
            }
        }
        return new PulledSchema(formName(name), schema(name, contentTypeDefinition, kept, flotiqRequired), skipped);
    }

    private ObjectNode schema(String name, JsonNode ctd, ObjectNode properties, Set<String> flotiqRequired) {
        ObjectNode schema = json.objectNode();
        schema.put("$schema", SCHEMA_DIALECT);
        String label = ctd.path("label").asText("");
        schema.put("title", label.isBlank() ? name : label);
        schema.put("type", "object");
        schema.set("properties", properties);
        ArrayNode required = schema.putArray("required");
        properties.fieldNames().forEachRemaining(field -> {
            if (flotiqRequired.contains(field)) {
                required.add(field);
            }
        });
        schema.put("additionalProperties", false);
        schema.putObject("x-formgate").put("contentType", name);
        return schema;
    }

    private static JsonNode properties(String name, JsonNode schemaDefinition) {
        JsonNode allOf = schemaDefinition.path("allOf");
        // allOf[0] is the $ref to AbstractContentTypeSchemaDefinition (id, internal); allOf[1] holds the fields.
        JsonNode properties = allOf.isArray() && allOf.size() > 1
                ? allOf.get(1).path("properties")
                : schemaDefinition.path("properties");
        if (!properties.isObject()) {
            throw new IllegalArgumentException("content type definition " + name
                    + " has no schemaDefinition.allOf[1].properties: is it a Flotiq content type definition?");
        }
        return properties;
    }

    private static Set<String> required(JsonNode schemaDefinition) {
        Set<String> required = new HashSet<>();
        schemaDefinition.path("required").forEach(field -> required.add(field.asText()));
        return required;
    }

    /** The panel's order first, then any property the order forgot; never a system property. */
    private static List<String> fieldOrder(JsonNode properties, JsonNode order) {
        Set<String> fields = new LinkedHashSet<>();
        order.forEach(field -> {
            if (properties.has(field.asText())) {
                fields.add(field.asText());
            }
        });
        properties.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(SYSTEM_PROPERTIES);
        return List.copyOf(fields);
    }

    static String formName(String contentTypeName) {
        return contentTypeName.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
