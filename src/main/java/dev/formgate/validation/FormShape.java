package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What coercion needs to know about an object schema: each property's target type and defaults.
 *
 * <p>Read once from the schema; only {@code properties}, {@code type}, {@code items} and
 * {@code default} are consulted.
 */
final class FormShape {
    private final Map<String, Field> properties;
    private final Map<String, JsonNode> defaults;

    private FormShape(Map<String, Field> properties, Map<String, JsonNode> defaults) {
        this.properties = properties;
        this.defaults = defaults;
    }

    /**
     * One property: the scalar type its strings become, whether it is a list, and its shape if it is an object.
     *
     * @param scalarType "integer", "number", "boolean" or null (stay a string); for lists, the item type
     */
    record Field(String scalarType, boolean array, FormShape nested) {
    }

    static FormShape of(JsonNode schema) {
        Map<String, Field> properties = new LinkedHashMap<>();
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        JsonNode declared = schema.path("properties");
        declared.fields().forEachRemaining(entry -> {
            properties.put(entry.getKey(), field(entry.getValue()));
            JsonNode fallback = entry.getValue().get("default");
            if (fallback != null) {
                defaults.put(entry.getKey(), fallback.deepCopy());
            }
        });
        return new FormShape(Collections.unmodifiableMap(properties), Collections.unmodifiableMap(defaults));
    }

    private static Field field(JsonNode property) {
        String type = primaryType(property.get("type"));
        if ("array".equals(type)) {
            return new Field(scalar(primaryType(property.path("items").get("type"))), true, null);
        }
        if ("object".equals(type)) {
            return new Field(null, false, of(property));
        }
        return new Field(scalar(type), false, null);
    }

    /** The type form strings are converted to: the first one that is neither "null" nor "string". */
    private static String primaryType(JsonNode type) {
        if (type == null) {
            return null;
        }
        if (type.isTextual()) {
            return type.textValue();
        }
        for (JsonNode candidate : type) {
            String name = candidate.asText();
            if (!"null".equals(name) && !"string".equals(name)) {
                return name;
            }
        }
        return null;
    }

    private static String scalar(String type) {
        return "integer".equals(type) || "number".equals(type) || "boolean".equals(type) ? type : null;
    }

    Field property(String name) {
        return properties.get(name);
    }

    Map<String, JsonNode> defaults() {
        return defaults;
    }
}
