package dev.formgate.forms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A FormGate JSON Schema generated from a Flotiq content type, with the fields it had to leave out.
 *
 * @param formName the form's URL name ({@code contact_form} becomes {@code contact-form}); also the file stem
 * @param schema the JSON Schema (draft 2020-12) to write to {@code schemas/<formName>.schema.json}
 * @param skipped one human-readable entry per left-out field, such as {@code "avatar (media)"} or
 *     {@code "photo (media, required)"} when Flotiq requires the field (every submission would be rejected)
 */
public record PulledSchema(String formName, ObjectNode schema, List<String> skipped) {
    public PulledSchema {
        Objects.requireNonNull(formName, "formName");
        Objects.requireNonNull(schema, "schema");
        skipped = List.copyOf(skipped);
    }
}
