/**
 * Validation of submissions: coercion of HTML form strings to the schema's types ({@link dev.formgate.validation.Coercer})
 * and JSON Schema validation with every error reported at once ({@link dev.formgate.validation.SchemaValidator}).
 *
 * <p>This is the only package that imports the JSON Schema library (networknt json-schema-validator).
 * Errors leave it as {@link dev.formgate.validation.FieldError} values whose messages never repeat the submitted data;
 * a broken schema leaves it as a {@link dev.formgate.validation.SchemaException} at startup.
 */
package dev.formgate.validation;
