package dev.formgate.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Spots bots by a hidden form field that people leave empty: any non-blank value trips it.
 *
 * <p>A null field name means the form has no honeypot, which never trips.
 */
public final class Honeypot {
    private Honeypot() {
    }

    /** For urlencoded and multipart bodies: tripped when any value of the field is not blank. */
    public static boolean tripped(String fieldName, Map<String, List<String>> fields) {
        if (fieldName == null || fields == null) {
            return false;
        }
        List<String> values = fields.get(fieldName);
        return values != null && values.stream().anyMatch(v -> v != null && !v.isBlank());
    }

    /** For JSON bodies: tripped when the member is present and not null, "" or whitespace (any number, object, true...). */
    public static boolean tripped(String fieldName, JsonNode body) {
        if (fieldName == null || body == null || !body.isObject()) {
            return false;
        }
        JsonNode value = body.get(fieldName);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        return !value.isTextual() || !value.textValue().isBlank();
    }
}
