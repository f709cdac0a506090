package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * Converts one trimmed form string to a JSON value of the wanted type, or leaves it a string.
 *
 * <p>A string that does not convert stays a string on purpose: validation then reports an honest
 * {@code type} error instead of us guessing.
 */
final class ScalarConverter {
    private static final Set<String> TRUE = Set.of("on", "true", "1", "yes");
    private static final Set<String> FALSE = Set.of("off", "false", "0", "no");
    /** Longer numerals are left as strings: no realistic form needs them and parsing them is not free. */
    private static final int MAX_NUMERAL_LENGTH = 100;
    private static final int MAX_LONG_DIGITS = 18;

    private ScalarConverter() {
    }

    static JsonNode convert(String value, String type) {
        if (type == null) {
            return TextNode.valueOf(value);
        }
        JsonNode converted = switch (type) {
            case "integer" -> integer(value);
            case "number" -> number(value);
            case "boolean" -> bool(value);
            default -> null;
        };
        return converted != null ? converted : TextNode.valueOf(value);
    }

    private static JsonNode integer(String value) {
        int digits = value.length() - (value.charAt(0) == '-' || value.charAt(0) == '+' ? 1 : 0);
        if (digits == 0 || value.length() > MAX_NUMERAL_LENGTH || !allDigits(value, value.length() - digits)) {
            return null;
        }
        if (digits > MAX_LONG_DIGITS) {
            return BigIntegerNode.valueOf(new BigInteger(value));
        }
        long parsed = Long.parseLong(value);
        return parsed == (int) parsed ? IntNode.valueOf((int) parsed) : LongNode.valueOf(parsed);
    }

    private static boolean allDigits(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode number(String value) {
        JsonNode whole = integer(value);
        if (whole != null || value.length() > MAX_NUMERAL_LENGTH || !decimalCharacters(value)) {
            return whole;
        }
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) ? DoubleNode.valueOf(parsed) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Double.parseDouble also accepts "NaN", "Infinity", hex and "1f"; a form number should not. */
    private static boolean decimalCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return BooleanNode.TRUE;
        }
        return FALSE.contains(lower) ? BooleanNode.FALSE : null;
    }
}
