package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Validates documents against one form's JSON Schema and reports every problem at once.
 *
 * <p>This is the only class family that knows the underlying validator library. A compiled
 * validator is immutable and safe to share between request threads.
 */
public final class SchemaValidator {
    private final Schema schema;

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles once at startup. Honors declared $schema (draft-07, 2019-09, 2020-12); default 2020-12.
     * Format assertions ON (email, uri, date, date-time, uuid at least). Ignores the vendor keyword
     * "x-formgate" (no warnings/errors for it). Throws SchemaException with a clear message when the
     * schema is invalid.
     */
    public static SchemaValidator compile(JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        return new SchemaValidator(SchemaCompiler.compile(schema));
    }

    /** All errors at once, never just the first; stable order (by field then code). Empty list = valid. */
    public List<FieldError> validate(JsonNode document) {
        Objects.requireNonNull(document, "document");
        return ErrorMapper.map(schema.validate(document));
    }
}
