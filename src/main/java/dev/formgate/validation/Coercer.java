package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns HTML form fields (every value a string) into the JSON object the form's schema expects.
 *
 * <p>Values are trimmed, CRLF line breaks become LF, and empty ones are dropped; {@code name[]} and repeated names become arrays;
 * strings become integers, numbers and booleans where the schema says so; {@code address.city} and
 * {@code address[city]} fill nested objects declared in the schema; missing top-level properties
 * get the schema's {@code default}. What cannot be converted is left as sent so that validation
 * reports it. JSON bodies are validated as sent and never pass through here.
 */
public final class Coercer {
    private static final Set<String> CAPTCHA_FIELDS =
            Set.of("cf-turnstile-response", "h-captcha-response", "g-recaptcha-response");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FormShape shape;

    /** Built once per form from its schema (reads "properties", their "type" (string or array of types), "items", "default"). */
    public Coercer(JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        this.shape = FormShape.of(schema);
    }

    /** fields: form field name -> values in arrival order (urlencoded/multipart). Returns the JSON object to validate. */
    public ObjectNode coerce(Map<String, List<String>> fields) {
        Objects.requireNonNull(fields, "fields");
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, List<String>> field : group(fields).entrySet()) {
            place(out, shape, field.getKey(), field.getValue());
        }
        shape.defaults().forEach((name, fallback) -> {
            if (!out.has(name)) {
                out.set(name, fallback.deepCopy());
            }
        });
        return out;
    }

    /** True for control fields that never reach the CMS: names starting with "_" and cf-turnstile-response, h-captcha-response, g-recaptcha-response. */
    public static boolean isControlField(String name) {
        return name.startsWith("_") || CAPTCHA_FIELDS.contains(name);
    }

    /** Merges "topics" with "topics[]" and "a[b]" with "a.b", keeping arrival order; keeps only non-empty trimmed values. */
    private static Map<String, List<String>> group(Map<String, List<String>> fields) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        fields.forEach((name, values) -> {
            String key = FieldNames.normalize(name);
            if (isControlField(name) || isControlField(key)) {
                return;
            }
            List<String> kept = grouped.computeIfAbsent(key, k -> new ArrayList<>(values.size()));
            for (String value : values) {
                // HTML form posts send line breaks as CRLF; store them as JSON clients send them (LF)
                String trimmed = value == null ? "" : value.strip().replace("\r\n", "\n");
                if (!trimmed.isEmpty()) {
                    kept.add(trimmed);
                }
            }
        });
        return grouped;
    }

    private static void place(ObjectNode target, FormShape shape, String key, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        FormShape.Field field = shape.property(key);
        int dot = key.indexOf('.');
        if (field != null || dot < 0) {
            put(target, key, field, values);
            return;
        }
        FormShape.Field head = shape.property(key.substring(0, dot));
        JsonNode existing = target.get(key.substring(0, dot));
        if (head == null || head.nested() == null || (existing != null && !existing.isObject())) {
            put(target, key, null, values);
            return;
        }
        ObjectNode child = existing != null ? (ObjectNode) existing : target.putObject(key.substring(0, dot));
        place(child, head.nested(), key.substring(dot + 1), values);
    }

    private static void put(ObjectNode target, String key, FormShape.Field field, List<String> values) {
        String type = field == null ? null : field.scalarType();
        if ((field != null && field.array()) || values.size() > 1) {
            ArrayNode items = NODES.arrayNode(values.size());
            values.forEach(value -> items.add(ScalarConverter.convert(value, type)));
            target.set(key, items);
        } else {
            target.set(key, ScalarConverter.convert(values.get(0), type));
        }
    }
}
