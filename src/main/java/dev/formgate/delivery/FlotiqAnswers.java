package dev.formgate.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns Flotiq's HTTP answers into delivery results; reasons carry field names and Flotiq's messages, never values. */
final class FlotiqAnswers {
    private static final String ALREADY_USED = "already used";

    private final Clock clock;
    private final ObjectMapper json;

    FlotiqAnswers(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    DeliveryResult interpret(CmsResponse response, Submission submission) {
        int status = response.status();
        String type = submission.contentType();
        if (status == 200 || status == 201) {
            return new DeliveryResult.Delivered();
        }
        if (status == 400) {
            return badRequest(response.body(), type);
        }
        if (status == 401 || status == 403) {
            return new DeliveryResult.GiveUp("Flotiq API key for form " + submission.form()
                    + " missing or lacks create rights on content type " + type + " (HTTP " + status + ")");
        }
        if (status == 404) {
            return new DeliveryResult.GiveUp("content type " + type + " not found in Flotiq (HTTP 404)");
        }
        if (status == 413) {
            return new DeliveryResult.GiveUp("Flotiq refused the entry for " + type + " as too large (HTTP 413)");
        }
        if (status == 415) {
            return new DeliveryResult.GiveUp("Flotiq refused the media type for " + type + " (HTTP 415)");
        }
        if (status == 429) {
            return new DeliveryResult.Retry("Flotiq rate limit reached (HTTP 429)", retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            return new DeliveryResult.Retry("Flotiq unavailable (HTTP " + status + ")", retryAfter(response));
        }
        return new DeliveryResult.GiveUp("unexpected answer from Flotiq for " + type + " (HTTP " + status
                + "); check FLOTIQ_API_URL");
    }

    private DeliveryResult badRequest(String body, String type) {
        Map<String, List<String>> errors = fieldErrors(body);
        if (errors.isEmpty()) {
            return new DeliveryResult.GiveUp("Flotiq rejected the entry for " + type + " (HTTP 400, body not understood)");
        }
        List<String> idMessages = errors.get("id");
        if (errors.size() == 1 && idMessages != null && idMessages.stream().anyMatch(m -> m.contains(ALREADY_USED))) {
            return new DeliveryResult.Delivered(); // an earlier attempt landed; the id makes it the same object
        }
        List<String> parts = new ArrayList<>();
        errors.forEach((field, messages) -> parts.add(field + ": " + String.join(" ", messages)));
        return new DeliveryResult.GiveUp("Flotiq rejected the entry for " + type
                + " (schema drift? HTTP 400): " + String.join("; ", parts));
    }

    /** Flotiq's {@code {field: [messages]}}; anything else under a field reads as "invalid". */
    private Map<String, List<String>> fieldErrors(String body) {
        Map<String, List<String>> errors = new java.util.TreeMap<>();
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            return errors;
        }
        if (root == null || !root.isObject()) {
            return errors;
        }
        if (root.path("code").isNumber() && root.path("message").isTextual()) {
            errors.put("(request)", List.of(root.get("message").asText())); // a general error, not per field
            return errors;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            List<String> messages = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(m -> messages.add(m.isTextual() ? m.asText() : "invalid"));
            } else {
                messages.add(field.getValue().isTextual() ? field.getValue().asText() : "invalid");
            }
            errors.put(field.getKey(), messages);
        }
        return errors;
    }

    Optional<Duration> retryAfter(CmsResponse response) {
        return response.header("Retry-After").flatMap(this::parseRetryAfter);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; unreadable values are ignored. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
