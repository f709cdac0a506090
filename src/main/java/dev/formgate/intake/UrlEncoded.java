package dev.formgate.intake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} bodies (UTF-8) into ordered multi-valued fields. */
final class UrlEncoded {
    private UrlEncoded() {
    }

    static Map<String, List<String>> parse(byte[] body, BodyLimits limits) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        int count = 0;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            limits.checkField(name, ++count);
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GateException.of(400, "malformed-body", "Malformed body",
                    "The form data is not valid URL encoding: " + e.getMessage());
        }
    }
}
