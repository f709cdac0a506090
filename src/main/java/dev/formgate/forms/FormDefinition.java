package dev.formgate.forms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formgate.guard.CaptchaProvider;
import dev.formgate.guard.RateLimits;
import dev.formgate.validation.Coercer;
import dev.formgate.validation.SchemaValidator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One whitelisted form: its schema compiled once, its settings with defaults applied.
 *
 * @param name          the file name without {@code .schema.json}; the path segment in {@code /forms/{name}}
 * @param file          where it was loaded from, for messages
 * @param publicSchema  the schema without {@code x-formgate}, served at {@code /forms/{name}/schema}
 * @param returnToReferer whether a refused HTML post without an error URL goes back to its (allowed) Referer
 */
public record FormDefinition(
        String name,
        Path file,
        String contentType,
        Optional<String> successUrl,
        Optional<String> errorUrl,
        boolean returnToReferer,
        Set<String> allowedOrigins,
        boolean requireOrigin,
        String honeypot,
        Optional<CaptchaProvider> captcha,
        RateLimits rateLimits,
        long maxBodyBytes,
        JsonNode schema,
        String publicSchema,
        SchemaValidator validator,
        Coercer coercer) {

    public FormDefinition {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Form names map to content types by replacing {@code -} with {@code _}. */
    static String defaultContentType(String form) {
        return form.replace('-', '_');
    }

    /** The schema's own title, or the form name. */
    public String title() {
        JsonNode t = schema.get("title");
        return t != null && t.isTextual() ? t.asText() : name;
    }

    @Override
    public String toString() {
        return "FormDefinition[" + name + " -> " + contentType + "]";
    }
}
