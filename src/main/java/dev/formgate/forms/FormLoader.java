package dev.formgate.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Settings;
import dev.formgate.guard.CaptchaProvider;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.guard.RateLimits;
import dev.formgate.guard.RateSpec;
import dev.formgate.validation.Coercer;
import dev.formgate.validation.SchemaException;
import dev.formgate.validation.SchemaValidator;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one {@code <form>.schema.json} file into a {@link FormDefinition}, collecting every problem it finds.
 */
final class FormLoader {
    static final String SUFFIX = ".schema.json";
    private static final String VENDOR = "x-formgate";

    private final ObjectMapper json;
    private final Settings settings;
    private final SettingsChecker checker = new SettingsChecker();

    FormLoader(ObjectMapper json, Settings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** Loads the file or adds its problems (each prefixed with the file name) and returns empty. */
    Optional<FormDefinition> load(Path file, List<String> problems) {
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - SUFFIX.length());
        List<String> own = new ArrayList<>();
        FormDefinition form = null;
        try {
            form = build(name, file, own);
        } catch (SchemaException e) {
            own.add("schema is invalid: " + e.getMessage());
        }
        String where = file.toString() + ": ";
        own.forEach(p -> problems.add(where + p));
        return own.isEmpty() ? Optional.ofNullable(form) : Optional.empty();
    }

    private FormDefinition build(String name, Path file, List<String> problems) {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add("file name must be <form>.schema.json with a form name of lower-case letters, digits and -");
            return null;
        }
        JsonNode schema = readJson(file, problems);
        if (schema == null) return null;
        if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
            problems.add("\"type\": the top level must be {\"type\": \"object\", \"properties\": {...}}");
            return null;
        }
        // compiled before the settings are checked: the checker's bootstrap finishes meanwhile (SettingsChecker)
        SchemaValidator validator = null;
        try {
            validator = SchemaValidator.compile(schema);
        } catch (SchemaException e) {
            problems.add("schema is invalid: " + e.getMessage());
        }
        FormSettings fs = readSettings(schema.get(VENDOR), problems);
        if (fs == null || validator == null) return null;
        ObjectNode publicSchema = ((ObjectNode) schema).deepCopy();
        publicSchema.remove(VENDOR);
        return assemble(name, file, schema, publicSchema, fs, validator, problems);
    }

    private FormDefinition assemble(String name, Path file, JsonNode schema, ObjectNode publicSchema,
                                    FormSettings fs, SchemaValidator validator, List<String> problems) {
        Set<String> origins = new LinkedHashSet<>();
        if (fs.allowedOrigins() != null) {
            for (String o : fs.allowedOrigins()) {
                origins.add(check(problems, VENDOR + ".allowedOrigins \"" + o + "\"", o, OriginPolicy::normalize));
            }
        }
        Optional<CaptchaProvider> captcha = Optional.ofNullable(fs.captcha()).map(CaptchaProvider::parse);
        captcha.ifPresent(c -> {
            if (!settings.captchaSecrets().containsKey(c.secretEnv())) {
                problems.add(VENDOR + ".captcha \"" + fs.captcha() + "\": set the environment variable "
                        + c.secretEnv() + " or remove the captcha setting");
            }
        });
        if (Boolean.TRUE.equals(fs.returnToReferer()) && fs.errorUrl() != null) {
            problems.add(VENDOR + ".returnToReferer: has no effect when errorUrl is set (errorUrl wins); remove one of them");
        }
        RateLimits limits = new RateLimits(
                specs(fs.rateLimit() == null ? null : fs.rateLimit().perClient(), settings.perClient(), VENDOR + ".rateLimit.perClient", problems),
                specs(fs.rateLimit() == null ? null : fs.rateLimit().perForm(), settings.perForm(), VENDOR + ".rateLimit.perForm", problems));
        if (!problems.isEmpty()) return null;
        return new FormDefinition(name, file,
                fs.contentType() != null ? fs.contentType() : FormDefinition.defaultContentType(name),
                Optional.ofNullable(fs.successUrl()), Optional.ofNullable(fs.errorUrl()),
                Boolean.TRUE.equals(fs.returnToReferer()),
                origins, Boolean.TRUE.equals(fs.requireOrigin()),
                fs.honeypot() != null ? fs.honeypot() : "_gotcha", captcha, limits,
                fs.maxBodyBytes() != null ? fs.maxBodyBytes() : settings.maxBodyBytes(),
                schema, write(publicSchema), validator, new Coercer(schema));
    }

    private List<RateSpec> specs(List<String> raw, List<RateSpec> fallback, String key, List<String> problems) {
        if (raw == null) return fallback;
        List<RateSpec> out = new ArrayList<>();
        for (String r : raw) {
            RateSpec s = check(problems, key + " \"" + r + "\"", r, RateSpec::parse);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static <T> T check(List<String> problems, String key, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    private JsonNode readJson(Path file, List<String> problems) {
        try {
            return json.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            problems.add("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add("cannot be read: " + e.getMessage());
        }
        return null;
    }

    private FormSettings readSettings(JsonNode vendor, List<String> problems) {
        if (vendor == null) return new FormSettings(null, null, null, null, null, null, null, null, null, null);
        if (!vendor.isObject()) {
            problems.add(VENDOR + ": must be an object");
            return null;
        }
        FormSettings fs;
        try {
            fs = json.readerFor(FormSettings.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(vendor);
        } catch (UnrecognizedPropertyException e) {
            problems.add(VENDOR + "." + e.getPropertyName() + ": unknown setting; known settings are "
                    + e.getKnownPropertyIds());
            return null;
        } catch (JsonProcessingException e) {
            problems.add(VENDOR + ": " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add(VENDOR + ": " + e.getMessage());
            return null;
        }
        for (ConstraintViolation<FormSettings> v : checker.check(fs)) {
            problems.add(VENDOR + "." + v.getPropertyPath() + " \"" + v.getInvalidValue() + "\": " + v.getMessage());
        }
        return problems.isEmpty() ? fs : null;
    }

    private String write(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
