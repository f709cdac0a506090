package dev.formgate.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a submission body of a whitelisted media type, refusing it as soon as it passes the size limit.
 */
final class BodyReader {
    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";
    static final String JSON = "application/json";
    /** Declared bodies up to this size are read into one array of exactly their length. */
    static final int EXACT_READ_MAX = 16 * 1024;

    private final BodyLimits limits;
    private final ObjectReader json;

    BodyReader(BodyLimits limits) {
        this.limits = limits;
        this.json = Json.mapper(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxNameLength(limits.maxFieldNameLength())
                        .maxNumberLength(100)
                        .build())
                .reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The media type without parameters, lower-cased; empty when absent. */
    static String mediaType(Exchange ex) {
        String ct = ex.header("Content-Type");
        if (ct == null) return "";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The request's media type, one of the three accepted; an unsupported one is refused before anything is read. */
    static String checkMediaType(Exchange ex) {
        String type = mediaType(ex);
        if (!(type.equals(URLENCODED) || type.equals(MULTIPART) || type.equals(JSON))) {
            throw GateException.of(415, "unsupported-media-type", "Unsupported media type",
                    (type.isEmpty() ? "The request has no Content-Type." : "Content-Type " + type + " is not accepted.")
                            + " Send application/x-www-form-urlencoded, multipart/form-data or application/json.");
        }
        return type;
    }

    /** Reads and parses the body of {@code mediaType}, as {@link #checkMediaType} returned it for this request. */
    Body read(Exchange ex, String mediaType, long maxBytes) {
        Body body = parse(readLimited(ex, maxBytes), mediaType, ex.header("Content-Type"));
        ex.keep(body);
        return body;
    }

    /** Parses a body already read; {@code mediaType} is one {@link #checkMediaType} accepts. */
    Body parse(byte[] bytes, String mediaType, String contentTypeHeader) {
        return switch (mediaType) {
            case URLENCODED -> new Body.Fields(UrlEncoded.parse(bytes, limits));
            case MULTIPART -> new Body.Fields(Multipart.parse(bytes, contentTypeHeader, limits));
            default -> new Body.Json(parseJson(bytes));
        };
    }

    private static byte[] readLimited(Exchange ex, long maxBytes) {
        long declared = ex.contentLength();
        if (declared > maxBytes) throw tooLarge(ex, maxBytes);
        try (InputStream in = ex.body()) {
            // Exact only for small bodies: a client that declares a large one and stalls must not get the whole
            // array before it sends anything (up to 16 KB, what the JDK's readNBytes allocates up front anyway).
            boolean small = declared >= 0 && declared <= EXACT_READ_MAX;
            return small ? readDeclared(in, (int) declared) : readUpTo(ex, in, maxBytes);
        } catch (IOException e) {
            throw GateException.of(400, "malformed-body", "Malformed body", "The body could not be read completely.");
        }
    }

    /** Reads exactly the declared length into one array (no growing buffers: most bodies are small and declared). */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        if (in.readNBytes(bytes, 0, length) < length) throw new java.io.EOFException("body shorter than declared");
        return bytes;
    }

    /** A chunked or large body, grown as it arrives: one byte past the limit tells "at the limit" from "over it". */
    private static byte[] readUpTo(Exchange ex, InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) maxBytes + 1);
        if (bytes.length > maxBytes) throw tooLarge(ex, maxBytes);
        return bytes;
    }

    private static GateException tooLarge(Exchange ex, long maxBytes) {
        // The rest of the body is not read; closing the connection saves draining it.
        ex.header("Connection", "close");
        return GateException.of(413, "too-large", "Submission too large",
                "The body is larger than this form accepts (" + maxBytes + " bytes).");
    }

    private ObjectNode parseJson(byte[] bytes) {
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw GateException.of(400, "too-deep", "Body too complex",
                    "The JSON nests too deeply or has too long a name or number.");
        } catch (JsonProcessingException e) {
            throw GateException.of(400, "malformed-body", "Malformed JSON",
                    "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw GateException.of(400, "malformed-body", "Malformed JSON", "The body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw GateException.of(400, "not-an-object", "JSON body must be an object",
                    "Send the fields as one JSON object, e.g. {\"email\": \"...\"}.");
        }
        countFields(node, 0);
        return (ObjectNode) node;
    }

    private int countFields(JsonNode node, int count) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                limits.checkField(e.getKey(), ++count);
                count = countFields(e.getValue(), count);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                limits.checkField("", ++count);
                count = countFields(item, count);
            }
        }
        return count;
    }
}
