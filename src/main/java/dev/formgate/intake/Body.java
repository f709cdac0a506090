package dev.formgate.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A request body after parsing: form fields (urlencoded, multipart) or a JSON object. */
sealed interface Body {
    /** Form encodings: field name to values in arrival order; coerced by the schema before validation. */
    record Fields(Map<String, List<String>> values) implements Body {
        String first(String name) {
            List<String> v = values.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** A JSON object, validated as sent. */
    record Json(ObjectNode document) implements Body {
    }

    /** One control value (captcha token, idempotency key, _next): a string field of either kind, or null. */
    default String control(String name) {
        if (this instanceof Fields f) return f.first(name);
        var n = ((Json) this).document().get(name);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
