package dev.formgate.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} bodies (UTF-8) into ordered multi-valued fields.
 *
 * <p>Works on the body's bytes: pairs are split at {@code &} and {@code =}, {@code +} becomes a space and each
 * {@code %XX} its byte, and each name and value is then read as UTF-8 (a malformed sequence becomes U+FFFD). A part
 * with neither {@code %} nor {@code +} is read straight from the body. {@code URLDecoder}, used before, went through
 * a {@code StringBuilder} char by char: a third of the CPU of parsing, coercing and validating a contact form
 * (bench/README.md, JMH).
 */
final class UrlEncoded {
    private UrlEncoded() {
    }

    static Map<String, List<String>> parse(byte[] body, BodyLimits limits) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int count = 0;
        for (int start = 0; start < body.length; ) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, eq);
                String value = eq < end ? decode(body, eq + 1, end) : "";
                limits.checkField(name, ++count);
                out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return out;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] body, int from, int to) {
        int i = from;
        while (i < to && body[i] != '%' && body[i] != '+') {
            i++;
        }
        if (i == to) {
            return new String(body, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = i - from;
        System.arraycopy(body, from, out, 0, n);
        while (i < to) {
            byte b = body[i];
            if (b == '+') {
                out[n++] = ' ';
                i++;
            } else if (b == '%') {
                int hi = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(body[i + 2], 16);
                if (lo < 0) {
                    throw GateException.of(400, "malformed-body", "Malformed body",
                            "The form data is not valid URL encoding: a '%' at byte " + i
                                    + " is not followed by two hexadecimal digits.");
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 3;
            } else {
                out[n++] = b;
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
