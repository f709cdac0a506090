package dev.formgate.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One accepted form submission on its way to the CMS.
 *
 * <p>The payload holds personal data, so {@link #toString()} shows only the id, form and content
 * type. The payload is copied on construction; treat the accessor's result as read-only.
 */
public record Submission(String id, String form, String contentType, ObjectNode payload, Instant createdAt) {
    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload.deepCopy();
    }

    @Override
    public String toString() {
        return "Submission[id=" + id + ", form=" + form + ", contentType=" + contentType + "]";
    }
}
