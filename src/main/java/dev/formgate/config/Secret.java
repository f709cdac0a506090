package dev.formgate.config;

import java.util.Objects;

/**
 * A secret value (API key, captcha secret) that never prints itself.
 *
 * <p>{@code toString()} masks the value so a secret logged or rendered by accident shows {@code ***}.
 */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
