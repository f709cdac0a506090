package dev.formgate.validation;

/**
 * Thrown when a schema itself is broken (bad $schema, invalid keyword values, unresolvable $ref...).
 *
 * <p>The message names the place in the schema (a JSON pointer) and what is wrong with it, so the
 * caller can prefix the file name and stop the service at startup.
 */
public final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
