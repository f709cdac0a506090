package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.format.Format;
import com.networknt.schema.format.Formats;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rejects a schema that names a format the validator does not know.
 *
 * <p>With format assertions on, an unknown format would fail every submission at runtime; failing
 * at startup with the schema location is the honest alternative.
 */
final class FormatCheck {
    private static final Set<String> KNOWN = Formats.DEFAULT.stream().map(Format::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> SCHEMA_MAPS = Set.of(
            "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies");
    private static final Set<String> SCHEMA_VALUES = Set.of(
            "items", "additionalItems", "additionalProperties", "unevaluatedProperties", "unevaluatedItems",
            "contains", "propertyNames", "not", "if", "then", "else", "contentSchema");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems", "items");

    private FormatCheck() {
    }

    static void rejectUnknownFormats(JsonNode schema) {
        visit(schema, "");
    }

    private static void visit(JsonNode schema, String pointer) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode format = schema.get("format");
        if (format != null && format.isTextual() && !KNOWN.contains(format.textValue())) {
            throw new SchemaException("invalid JSON Schema: " + pointer + "/format: unknown format '"
                    + format.textValue() + "'; use \"pattern\" instead or one of: " + new TreeSet<>(KNOWN), null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            visitKeyword(entry.getKey(), entry.getValue(), pointer + "/" + escape(entry.getKey()));
        }
    }

    private static void visitKeyword(String keyword, JsonNode value, String pointer) {
        if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
            value.fields().forEachRemaining(e -> visit(e.getValue(), pointer + "/" + escape(e.getKey())));
        }
        if (SCHEMA_VALUES.contains(keyword)) {
            visit(value, pointer);
        }
        if (SCHEMA_ARRAYS.contains(keyword) && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                visit(value.get(i), pointer + "/" + i);
            }
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
