package dev.formgate.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.forms.FormDefinition;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.Coercer;
import dev.formgate.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends a refused HTML post back to the site's own form: {@code ?error=<slug>&fields=<names>} plus a
 * {@code #formgate=<base64url JSON>} fragment carrying each field's messages and the non-sensitive values typed.
 *
 * <p>The fragment is never sent to any server, so entered values stay out of the site's access logs. Its JSON is
 * {@code {"v":1,"form":..,"status":..,"error":..,"message":..,"errors":{field:[message]},"values":{name:value|[values]}}}
 * plus {@code "partial":true} when something did not fit in {@link #MAX_JSON_BYTES}; a value is left out whole,
 * never cut. Values of control fields ({@code _next}, captcha tokens), the honeypot and fields that look secret
 * (by a word of their name such as {@code password}, {@code token} or {@code card}, or by {@code writeOnly: true}
 * in the schema) are never echoed.
 */
final class ErrorReturn {
    /** Upper bound of the fragment's JSON in UTF-8 bytes (about 2.7 KB once base64url-encoded). */
    static final int MAX_JSON_BYTES = 2048;
    static final String FRAGMENT = "formgate=";
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pass", "passphrase", "pwd",
            "secret", "token", "pin", "otp", "totp", "cvc", "cvv", "csc", "cc", "card", "cardnumber", "iban", "ssn",
            "apikey", "key", "credential", "credentials");
    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern PREVIOUS = Pattern.compile("^(error|fields)=");

    private final ObjectMapper json;
    private final OriginPolicy origins;

    ErrorReturn(ObjectMapper json, OriginPolicy origins) {
        this.json = json;
        this.origins = origins;
    }

    /** Where a refused HTML post goes back to: the error URL, else an allowed Referer when the form opts in. */
    Optional<String> target(Exchange ex, FormDefinition form) {
        if (form.errorUrl().isPresent()) return form.errorUrl().map(ErrorReturn::withoutFragment);
        String referer = ex.header("Referer");
        if (!form.returnToReferer() || !origins.redirectAllowed(referer, form.allowedOrigins())) return Optional.empty();
        return Optional.of(withoutPreviousAnswer(withoutFragment(referer)));
    }

    /** The full redirect URL for this refusal. */
    String url(String base, GateException e, FormDefinition form, Exchange ex) {
        StringBuilder url = new StringBuilder(base).append(base.contains("?") ? '&' : '?')
                .append("error=").append(Answers.encode(e.problem()));
        if (!e.errors().isEmpty()) {
            Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toCollection(LinkedHashSet::new));
            url.append("&fields=").append(Answers.encode(String.join(",", fields)));
        }
        Map<String, List<String>> values = ex.kept().orElse(null) instanceof Body.Fields f ? f.values() : Map.of();
        return url.append('#').append(FRAGMENT).append(encode(payload(e, form, values))).toString();
    }

    ObjectNode payload(GateException e, FormDefinition form, Map<String, List<String>> values) {
        ObjectNode p = json.createObjectNode().put("v", 1).put("form", form.name()).put("status", e.status())
                .put("error", e.problem()).put("message", e.detail());
        ObjectNode errors = p.putObject("errors");
        ObjectNode echoed = p.putObject("values");
        int budget = MAX_JSON_BYTES - ",\"partial\":true".length();
        boolean partial = false;
        for (FieldError fe : e.errors()) {
            ArrayNode list = errors.has(fe.field()) ? (ArrayNode) errors.get(fe.field()) : errors.putArray(fe.field());
            list.add(fe.message());
            if (size(p) > budget) {
                list.remove(list.size() - 1);
                if (list.isEmpty()) errors.remove(fe.field());
                partial = true;
            }
        }
        for (Map.Entry<String, List<String>> field : values.entrySet()) {
            List<String> kept = field.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
            if (kept.isEmpty() || !echoable(field.getKey(), form)) continue;
            if (kept.size() == 1) echoed.put(field.getKey(), kept.get(0));
            else kept.forEach(echoed.putArray(field.getKey())::add);
            if (size(p) > budget) {
                echoed.remove(field.getKey());
                partial = true;
            }
        }
        if (partial) p.put("partial", true);
        return p;
    }

    /** Whether a submitted value may travel back in the URL. */
    static boolean echoable(String name, FormDefinition form) {
        String path = name.replaceAll("\\[]$", "").replaceAll("\\[([^\\]]*)]", ".$1");
        if (Coercer.isControlField(name) || Coercer.isControlField(path)) return false;
        if (name.equals(form.honeypot()) || path.equals(form.honeypot())) return false;
        for (String word : WORD_BREAK.split(path)) {
            if (SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT))) return false;
        }
        JsonNode property = form.schema();
        for (String step : path.split("\\.")) property = property.path("properties").path(step);
        return !property.path("writeOnly").asBoolean(false);
    }

    private int size(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String encode(JsonNode payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** Drops the {@code error} and {@code fields} a previous refusal added, so retries do not pile them up. */
    private static String withoutPreviousAnswer(String url) {
        int q = url.indexOf('?');
        if (q < 0) return url;
        String query = java.util.Arrays.stream(url.substring(q + 1).split("&"))
                .filter(p -> !p.isEmpty() && !PREVIOUS.matcher(p).find())
                .collect(Collectors.joining("&"));
        return url.substring(0, q) + (query.isEmpty() ? "" : "?" + query);
    }
}
