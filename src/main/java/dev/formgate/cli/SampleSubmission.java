package dev.formgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A plausible submission for a form, made from its schema's {@code properties}: the first {@code enum} or
 * {@code const} value, a value of each {@code format} FormGate checks, numbers at their minimum, strings of
 * their minimum length. Best effort: a {@code pattern} is not solved (an optional field with one is left out),
 * so a form that requires such a field refuses the sample.
 */
final class SampleSubmission {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleSubmission() {
    }

    static ObjectNode of(JsonNode schema) {
        ObjectNode sample = NODES.objectNode();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (required.contains(property.getKey()) || !property.getValue().has("pattern")) {
                sample.set(property.getKey(), value(property.getValue()));
            }
        }
        return sample;
    }

    private static JsonNode value(JsonNode p) {
        if (p.has("const")) return p.get("const");
        if (p.path("enum").size() > 0) return p.get("enum").get(0);
        return switch (p.path("type").asText("string")) {
            case "boolean" -> NODES.booleanNode(true);
            case "integer" -> NODES.numberNode(p.path("minimum").asLong(1));
            case "number" -> NODES.numberNode(p.path("minimum").asDouble(1));
            case "array" -> NODES.arrayNode().add(value(p.path("items")));
            default -> NODES.textNode(text(p));
        };
    }

    private static String text(JsonNode p) {
        String base = switch (p.path("format").asText("")) {
            case "email" -> "exercise@example.com";
            case "uri", "iri" -> "https://example.com/";
            case "date" -> "2026-01-01";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "time" -> "00:00:00Z";
            default -> "FormGate exercise";
        };
        int min = p.path("minLength").asInt(0);
        StringBuilder s = new StringBuilder(base);
        while (s.length() < min) s.append(" x");
        int max = p.path("maxLength").asInt(Integer.MAX_VALUE);
        return s.length() > max ? s.substring(0, Math.max(max, 1)) : s.toString();
    }
}
