package dev.formgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Maps one Flotiq field (its {@code schemaDefinition} property and its {@code propertiesConfig} entry)
 * to a JSON Schema property a public form can fill, or says why it cannot.
 */
final class FlotiqFieldMapper {

    /** What became of one field. */
    sealed interface Mapping permits Kept, Skipped {}

    /** The field is fillable; {@code schema} is its JSON Schema property. */
    record Kept(ObjectNode schema) implements Mapping {}

    /** The field is left out; {@code kind} names what it is ("media", "relation", "geo"...). */
    record Skipped(String kind) implements Mapping {}

    private static final List<String> STRING_KEYWORDS = List.of("minLength", "maxLength", "pattern", "format");
    private static final List<String> NUMBER_KEYWORDS =
            List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");
    private static final List<String> ARRAY_KEYWORDS = List.of("minItems", "maxItems");

    private final JsonNodeFactory json = JsonNodeFactory.instance;

    Mapping map(JsonNode property, JsonNode config) {
        String inputType = config.path("inputType").asText("");
        return switch (inputType) {
            case "text", "textarea", "textMarkdown", "markdown" -> kept(config, text(property, config));
            case "email" -> kept(config, email(property, config));
            case "number" -> kept(config, number(property));
            case "checkbox" -> kept(config, json.objectNode().put("type", "boolean"));
            case "radio" -> kept(config, choice(property, config));
            case "select" -> kept(config, isMultiple(property, config)
                    ? multipleChoice(property, config)
                    : choice(property, config));
            case "dateTime" -> kept(config, date(property, config));
            case "datasource" -> new Skipped(isMedia(config) ? "media" : "relation");
            case "object" -> new Skipped("list");
            // Flotiq stores a simple list as an array of strings; left out until forms can post free lists.
            case "richtext", "block", "geo", "simpleList" -> new Skipped(inputType);
            default -> new Skipped(inputType.isEmpty() ? "no inputType" : "unsupported inputType " + inputType);
        };
    }

    private Mapping kept(JsonNode config, ObjectNode schema) {
        ObjectNode property = json.objectNode();
        String label = config.path("label").asText("");
        if (!label.isBlank()) {
            property.put("title", label);
        }
        String helpText = config.path("helpText").asText("");
        if (!helpText.isBlank()) {
            property.put("description", helpText);
        }
        property.setAll(schema);
        return new Kept(property);
    }

    private ObjectNode text(JsonNode property, JsonNode config) {
        ObjectNode schema = json.objectNode().put("type", "string");
        copy(property, schema, STRING_KEYWORDS);
        // Older Flotiq panels kept a field's regex in propertiesConfig.validation; the schema's own wins.
        JsonNode metaPattern = config.path("validation").path("pattern");
        if (!schema.has("pattern") && metaPattern.isTextual() && !metaPattern.asText().isEmpty()) {
            schema.put("pattern", metaPattern.asText());
        }
        return schema;
    }

    private ObjectNode email(JsonNode property, JsonNode config) {
        ObjectNode schema = text(property, config);
        schema.put("format", "email");
        return schema;
    }

    private ObjectNode number(JsonNode property) {
        String type = "integer".equals(property.path("type").asText()) ? "integer" : "number";
        ObjectNode schema = json.objectNode().put("type", type);
        // Flotiq writes minLength on required numbers; it means nothing for a number, so it is dropped.
        copy(property, schema, NUMBER_KEYWORDS);
        return schema;
    }

    private ObjectNode choice(JsonNode property, JsonNode config) {
        ObjectNode schema = text(property, config);
        ArrayNode options = options(config);
        if (!options.isEmpty()) {
            schema.set("enum", options);
        }
        return schema;
    }

    private ObjectNode multipleChoice(JsonNode property, JsonNode config) {
        ObjectNode items = json.objectNode().put("type", "string");
        ArrayNode options = options(config);
        if (!options.isEmpty()) {
            items.set("enum", options);
        }
        ObjectNode schema = json.objectNode().put("type", "array");
        schema.set("items", items);
        schema.put("uniqueItems", true);
        copy(property, schema, ARRAY_KEYWORDS);
        return schema;
    }

    /**
     * Flotiq keeps a date as a string matched by a pattern ({@code YYYY-MM-DD}, optionally {@code THH:mm}),
     * not as RFC 3339 {@code date-time}; the pattern is kept and a date-only field also gets {@code format: date}.
     */
    private ObjectNode date(JsonNode property, JsonNode config) {
        ObjectNode schema = text(property, config);
        if (!schema.has("format") && !config.path("showTime").asBoolean(false)) {
            schema.put("format", "date");
        }
        return schema;
    }

    private ArrayNode options(JsonNode config) {
        boolean withLabels = config.path("useOptionsWithLabels").asBoolean(false);
        JsonNode source = withLabels || !config.has("options")
                ? config.path("optionsWithLabels")
                : config.path("options");
        ArrayNode values = json.arrayNode();
        for (JsonNode option : source) {
            JsonNode value = option.isObject() ? option.path("value") : option;
            if (value.isValueNode() && !value.isNull()) {
                values.add(value.asText());
            }
        }
        return values;
    }

    /** Flotiq writes {@code multiple}; some plugins write {@code isMultiple}; the schema type settles it. */
    private static boolean isMultiple(JsonNode property, JsonNode config) {
        return config.path("multiple").asBoolean(false)
                || config.path("isMultiple").asBoolean(false)
                || "array".equals(property.path("type").asText());
    }

    private static boolean isMedia(JsonNode config) {
        return "_media".equals(config.path("validation").path("relationContenttype").asText(""));
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> keywords) {
        for (String keyword : keywords) {
            JsonNode value = from.get(keyword);
            if (value != null && !value.isNull()) {
                to.set(keyword, value.deepCopy());
            }
        }
    }
}
