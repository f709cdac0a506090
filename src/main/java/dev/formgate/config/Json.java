package dev.formgate.config;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;

/**
 * Makes every Jackson mapper FormGate uses, all drawing their parse and write buffers from one bounded pool.
 *
 * <p>Jackson recycles buffers per thread by default; a request runs on a virtual thread that lives for that
 * request only, so each parse and each write allocated fresh 8 to 16 KB buffers (bench/README.md).
 */
public final class Json {
    private static final RecyclerPool<BufferRecycler> POOL = JsonRecyclerPools.sharedBoundedPool();

    private Json() {
    }

    /** A mapper with Jackson's default read limits. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(new JsonFactoryBuilder().recyclerPool(POOL).build());
    }

    /** A mapper whose parser refuses input beyond {@code limits} (untrusted bodies). */
    public static ObjectMapper mapper(StreamReadConstraints limits) {
        return new ObjectMapper(new JsonFactoryBuilder().recyclerPool(POOL).streamReadConstraints(limits).build());
    }

    /**
     * {@code node} as compact JSON, written by {@code mapper}: {@code JsonNode.toString()} would use Jackson's own
     * mapper, outside the shared buffer pool.
     */
    public static byte[] bytes(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Compact JSON appended piece by piece to a byte array, for small documents of a fixed shape on a hot path (the
     * refusals' problem documents, the submissions' receipts): no generator and no pooled buffers are set up for it. Strings are escaped by
     * Jackson's own encoder, as its generator escapes them. Not thread-safe; one per document.
     */
    public static final class Text {
        private byte[] buf = new byte[256];
        private int len;

        /** Appends {@code ascii} as it is: punctuation and member names, which need no escaping. */
        public Text raw(String ascii) {
            int n = ascii.length();
            room(n);
            for (int i = 0; i < n; i++) {
                char c = ascii.charAt(i);
                if (c >= 0x80) {
                    throw new IllegalArgumentException("raw JSON text must be ASCII: " + ascii);
                }
                buf[len++] = (byte) c;
            }
            return this;
        }

        /** Appends {@code value} as a JSON string, quoted and escaped (null as {@code null}). */
        public Text string(String value) {
            if (value == null) {
                return raw("null");
            }
            int n = value.length();
            room(n + 2);
            buf[len++] = '"';
            // printable ASCII other than the quote and backslash is written as it is; from the first character that
            // may need escaping or encoding on, Jackson's encoder writes the rest (no two arrays per plain string)
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value.substring(i));
                    room(quoted.length + 1);
                    System.arraycopy(quoted, 0, buf, len, quoted.length);
                    len += quoted.length;
                    break;
                }
                buf[len++] = (byte) c;
            }
            buf[len++] = '"';
            return this;
        }

        /** Appends an integral number. */
        public Text number(long value) {
            return raw(Long.toString(value));
        }

        /** The text so far, as UTF-8. */
        public byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }

        private void room(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }
}
