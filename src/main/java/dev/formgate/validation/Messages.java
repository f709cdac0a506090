package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our own English sentences for failed keywords; built only from schema values, never from the submission.
 */
final class Messages {
    private static final Map<String, String> TYPE_NAMES = Map.of(
            "string", "a string", "number", "a number", "integer", "an integer", "boolean", "a boolean",
            "array", "an array", "object", "an object", "null", "null");
    private static final Map<String, String> FORMAT_NAMES = Map.ofEntries(
            Map.entry("email", "a valid email address"), Map.entry("idn-email", "a valid email address"),
            Map.entry("uri", "a valid URI"), Map.entry("iri", "a valid URI"),
            Map.entry("uri-reference", "a valid URI reference"), Map.entry("iri-reference", "a valid URI reference"),
            Map.entry("date", "a valid date (YYYY-MM-DD)"),
            Map.entry("date-time", "a valid date and time (YYYY-MM-DDThh:mm:ssZ)"),
            Map.entry("time", "a valid time (hh:mm:ssZ)"), Map.entry("duration", "a valid ISO 8601 duration"),
            Map.entry("uuid", "a valid UUID"), Map.entry("hostname", "a valid host name"),
            Map.entry("idn-hostname", "a valid host name"), Map.entry("ipv4", "a valid IPv4 address"),
            Map.entry("ipv6", "a valid IPv6 address"), Map.entry("regex", "a valid regular expression"),
            Map.entry("phone", "a valid international phone number (+ and digits)"));

    /** Keywords whose sentence quotes the schema's value; without it they fall back to "is invalid". */
    private static final java.util.Set<String> NEEDS_RULE = java.util.Set.of(
            "type", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf", "enum", "const", "minItems", "maxItems", "minProperties", "maxProperties");

    private Messages() {
    }

    /** The sentence for one failed keyword; {@code rule} is the keyword's value in the schema, {@code args} networknt's. */
    static String of(String keyword, JsonNode rule, Object[] args) {
        if (rule == null && NEEDS_RULE.contains(keyword)) {
            return "is invalid";
        }
        return switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties", "unevaluatedProperties" -> "is not an allowed field";
            case "type" -> "must be " + typeNames(rule);
            case "format" -> "must be " + FORMAT_NAMES.getOrDefault(text(rule), "a valid " + text(rule));
            case "minLength" -> "must be at least " + count(rule, "character");
            case "maxLength" -> "must be at most " + count(rule, "character");
            case "minimum" -> "must be at least " + number(rule);
            case "maximum" -> "must be at most " + number(rule);
            case "exclusiveMinimum" -> "must be greater than " + number(rule);
            case "exclusiveMaximum" -> "must be less than " + number(rule);
            case "multipleOf" -> "must be a multiple of " + number(rule);
            case "enum" -> "must be one of: " + values(rule);
            case "const" -> "must be " + display(rule);
            case "pattern" -> "is not in the expected format";
            case "minItems" -> "must have at least " + count(rule, "item");
            case "maxItems" -> "must have at most " + count(rule, "item");
            case "uniqueItems" -> "must not contain duplicates";
            case "minProperties" -> "must have at least " + count(rule, "field");
            case "maxProperties" -> "must have at most " + count(rule, "field");
            case "contains" -> "must contain at least one matching item";
            case "minContains" -> "must contain at least " + count(firstArg(args), "matching item");
            case "maxContains" -> "must contain at most " + count(firstArg(args), "matching item");
            case "items", "additionalItems", "unevaluatedItems" -> "has more items than allowed";
            case "anyOf" -> "must match at least one of the allowed forms";
            case "oneOf" -> "must match exactly one of the allowed forms";
            case "not", "false" -> "is not allowed";
            case "propertyNames" -> "has a field name that is not allowed";
            case "readOnly" -> "is read-only";
            case "writeOnly" -> "is write-only";
            case "contentEncoding" -> "has an invalid encoding";
            case "contentMediaType" -> "has an invalid content type";
            default -> "is invalid";
        };
    }

    static String requiredWhenPresent(String trigger) {
        return "is required when " + trigger + " is present";
    }

    private static String typeNames(JsonNode rule) {
        List<String> names = new ArrayList<>();
        if (rule.isArray()) {
            rule.forEach(t -> names.add(TYPE_NAMES.getOrDefault(t.asText(), t.asText())));
        } else {
            names.add(TYPE_NAMES.getOrDefault(rule.asText(), rule.asText()));
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String count(Object amount, String noun) {
        String text = amount instanceof JsonNode node ? number(node) : String.valueOf(amount);
        return text + " " + noun + ("1".equals(text) ? "" : "s");
    }

    private static Object firstArg(Object[] args) {
        return args != null && args.length > 0 ? args[0] : "1";
    }

    private static String number(JsonNode rule) {
        if (rule.isIntegralNumber() && rule.canConvertToLong()) return Long.toString(rule.longValue());
        return rule.isNumber() ? rule.decimalValue().stripTrailingZeros().toPlainString() : rule.asText();
    }

    private static String text(JsonNode rule) {
        return rule == null ? "" : rule.asText();
    }

    private static String values(JsonNode rule) {
        List<String> shown = new ArrayList<>();
        rule.forEach(v -> shown.add(display(v)));
        return String.join(", ", shown);
    }

    private static String display(JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isNumber()) {
            return number(value);
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
