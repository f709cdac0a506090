package dev.formgate.validation;

import java.util.Objects;

/**
 * One problem with one submitted field, safe to show to the submitter.
 *
 * <p>{@code field} is a path such as {@code email}, {@code address.city} or {@code topics[1]}
 * (empty for the document itself); {@code code} is the JSON Schema keyword that failed
 * ({@code required}, {@code format}, ...); {@code message} is a readable English sentence that
 * never repeats the submitted value.
 */
public record FieldError(String field, String code, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
