package dev.formgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted form submission on its way to the CMS.
 *
 * <p>The payload is kept as its compact JSON text, written once: that text is what the outbox stores and what the CMS
 * body is made from, and being text it cannot change. It holds personal data, so {@link #toString()} shows only the
 * id, form and content type.
 *
 * @param payloadJson a JSON object, compact, as Jackson writes it
 */
public record Submission(String id, String form, String contentType, String payloadJson, Instant createdAt) {
    private static final ObjectMapper JSON = Json.mapper();

    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** With the payload as a tree, written to text here. */
    public Submission(String id, String form, String contentType, ObjectNode payload, Instant createdAt) {
        this(id, form, contentType, text(Objects.requireNonNull(payload, "payload")), createdAt);
    }

    /** A fresh tree of the payload; the submission itself does not change when it does. */
    public ObjectNode payload() {
        try {
            JsonNode node = JSON.readTree(payloadJson);
            if (node instanceof ObjectNode object) return object;
        } catch (JsonProcessingException e) {
            // reported below, without the content
        }
        throw new IllegalStateException("the payload of submission " + id + " is not a JSON object");
    }

    private static String text(ObjectNode payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a payload cannot be written as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "Submission[id=" + id + ", form=" + form + ", contentType=" + contentType + "]";
    }
}
