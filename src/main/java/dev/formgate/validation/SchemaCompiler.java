package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.KeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.keyword.UnknownKeywordFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns a schema document into a ready networknt {@link Schema}, or explains why it cannot.
 *
 * <p>Each compile gets its own registry so two forms declaring the same {@code $id} never see each
 * other; it only costs a few milliseconds at startup.
 */
final class SchemaCompiler {
    private static final SpecificationVersion DEFAULT_VERSION = SpecificationVersion.DRAFT_2020_12;
    private static final List<SpecificationVersion> SUPPORTED = List.of(
            SpecificationVersion.DRAFT_7, SpecificationVersion.DRAFT_2019_09, SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_REPORTED_PROBLEMS = 5;

    /**
     * The meta-schemas, loaded once per dialect and shared by every compile (they never change; the per-compile
     * registry below is for the forms' own {@code $id}s). Loading one is most of a first compile's cost. Each is
     * fully initialized before it is shared, so no check resolves references lazily on a shared object.
     */
    private static final Map<SpecificationVersion, Schema> META_SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCompiler() {
    }

    static Schema compile(JsonNode schemaNode) {
        SpecificationVersion version = declaredVersion(schemaNode);
        JsonNode canonical = withCanonicalDialect(schemaNode, version);
        SchemaRegistry registry = newRegistry();
        checkAgainstMetaSchema(version, canonical);
        FormatCheck.rejectUnknownFormats(canonical);
        try {
            Schema schema = registry.getSchema(canonical);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new SchemaException("invalid JSON Schema: " + describe(e), e);
        }
    }

    private static SpecificationVersion declaredVersion(JsonNode schemaNode) {
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            throw new SchemaException("invalid JSON Schema: the schema must be a JSON object, found "
                    + schemaNode.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        JsonNode declared = schemaNode.get("$schema");
        if (declared == null) {
            return DEFAULT_VERSION;
        }
        String id = declared.isTextual() ? stripEmptyFragment(declared.textValue()) : null;
        for (SpecificationVersion version : SUPPORTED) {
            if (stripEmptyFragment(version.getDialectId()).equals(id)) {
                return version;
            }
        }
        throw new SchemaException("unsupported $schema " + declared + "; use one of: "
                + SUPPORTED.stream().map(SpecificationVersion::getDialectId).collect(Collectors.joining(", ")), null);
    }

    private static String stripEmptyFragment(String id) {
        return id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
    }

    /** networknt matches dialect ids exactly, so "...draft-07/schema" (no '#') is rewritten to the canonical id. */
    private static JsonNode withCanonicalDialect(JsonNode schemaNode, SpecificationVersion version) {
        JsonNode declared = schemaNode.get("$schema");
        if (declared == null || declared.asText().equals(version.getDialectId())) {
            return schemaNode;
        }
        ObjectNode copy = ((ObjectNode) schemaNode).deepCopy();
        copy.put("$schema", version.getDialectId());
        return copy;
    }

    private static void checkAgainstMetaSchema(SpecificationVersion version, JsonNode schemaNode) {
        List<com.networknt.schema.Error> problems;
        try {
            Schema meta = META_SCHEMAS.computeIfAbsent(version, SchemaCompiler::loadMetaSchema);
            problems = meta.validate(schemaNode);
        } catch (RuntimeException e) {
            throw new SchemaException("cannot check the schema against " + version.getDialectId() + ": " + describe(e), e);
        }
        if (!problems.isEmpty()) {
            String detail = problems.stream().limit(MAX_REPORTED_PROBLEMS)
                    .map(p -> pointer(p.getInstanceLocation().toString()) + ": " + p.getMessage())
                    .distinct()
                    .collect(Collectors.joining("; "));
            throw new SchemaException("invalid JSON Schema (" + version.getDialectId() + "): " + detail, null);
        }
    }

    private static Schema loadMetaSchema(SpecificationVersion version) {
        Schema meta = newRegistry().getSchema(SchemaLocation.of(version.getDialectId()));
        meta.initializeValidators();
        return meta;
    }

    private static String pointer(String location) {
        return location.isEmpty() ? "/" : location;
    }

    private static String describe(Throwable e) {
        if (e.getCause() instanceof java.io.IOException missing) {
            return "cannot load referenced schema " + missing.getMessage()
                    + " (remote $refs are not fetched; put the definition under $defs)";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static SchemaRegistry newRegistry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        List<Dialect> dialects = List.of(
                quiet(Dialects.getDraft7()), quiet(Dialects.getDraft201909()), quiet(Dialects.getDraft202012()));
        return SchemaRegistry.withDialects(dialects, builder -> builder
                .defaultDialectId(DEFAULT_VERSION.getDialectId())
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /** Vendor keywords ("x-formgate", "x-anything") are ours: no validation, no "unknown keyword" warning. */
    private static Dialect quiet(Dialect dialect) {
        KeywordFactory vendorAware = (name, context) -> name.startsWith("x-")
                ? new NonValidationKeyword(name)
                : UnknownKeywordFactory.getInstance().getKeyword(name, context);
        return Dialect.builder(dialect).unknownKeywordFactory(vendorAware).build();
    }
}
