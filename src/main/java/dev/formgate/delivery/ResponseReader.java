package dev.formgate.delivery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 answer, strictly and within bounds: status line, headers, then the body by
 * {@code Content-Length}, by {@code chunked} transfer coding, or up to the end of the connection when neither is given.
 *
 * <p>Lines are at most {@value #MAX_LINE_BYTES} bytes, headers at most {@value #MAX_HEADERS}, bodies at most
 * {@value #MAX_BODY_BYTES} bytes. Anything malformed, truncated or larger is an {@link IOException}, never an answer;
 * an answer is a success only when it was read completely. Interim answers (1xx) are skipped.
 */
final class ResponseReader {
    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int MAX_INTERIM = 8;
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** The answer, and whether its connection may carry another exchange. */
    record Answer(CmsResponse response, boolean reusable) {}

    private ResponseReader() {
    }

    /** Reads an answer; {@link NoAnswerException} if the connection ends before its first byte. */
    static Answer read(ConnectionInput in) throws IOException {
        awaitAnswer(in);
        String statusLine = line(in);
        for (int interim = 0; ; interim++) {
            int status = status(statusLine);
            Map<String, String> headers = headers(in);
            if (status >= 200) {
                return withBody(in, statusLine.startsWith("HTTP/1.1"), status, headers);
            }
            if (status == 101 || interim == MAX_INTERIM) {
                throw new IOException("unexpected interim answer " + status);
            }
            statusLine = line(in);
        }
    }

    private static void awaitAnswer(ConnectionInput in) throws IOException {
        boolean begun;
        try {
            begun = in.more();
        } catch (SocketException e) {
            throw new NoAnswerException("connection reset before the answer", e);
        }
        if (!begun) {
            throw new NoAnswerException("connection closed before the answer");
        }
    }

    private static int status(String line) throws IOException {
        boolean version = line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 ");
        if (!version || line.length() < 12 || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new IOException("malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("malformed status line");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new IOException("malformed status line");
        }
        return status;
    }

    /** Header lines up to the empty line; names in lower case, repeated headers joined with ", ". */
    private static Map<String, String> headers(ConnectionInput in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int n = 0; ; n++) {
            String line = line(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (n == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line, colon)) {
                throw new IOException("malformed header line"); // also a folded line, which starts with a space
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.merge(name, line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
    }

    private static Answer withBody(ConnectionInput in, boolean http11, int status, Map<String, String> headers)
            throws IOException {
        boolean reusable = http11 && !hasToken(headers.get("connection"), "close");
        String coding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        byte[] body;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if (coding != null) {
            if (!"chunked".equalsIgnoreCase(coding)) {
                throw new IOException("unsupported transfer coding");
            }
            body = chunked(in);
            reusable &= length == null; // both framings at once: the connection cannot be trusted any more
        } else if (length != null) {
            body = exactly(in, contentLength(length));
        } else {
            body = untilClosed(in);
            reusable = false;
        }
        return new Answer(new CmsResponse(status, headers, new String(body, StandardCharsets.UTF_8)), reusable);
    }

    private static byte[] chunked(ConnectionInput in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = line(in);
            int extension = line.indexOf(';');
            int size = chunkSize((extension < 0 ? line : line.substring(0, extension)).trim());
            if (size == 0) {
                headers(in); // trailers: read (bounded) and dropped
                return body.toByteArray();
            }
            if (size > MAX_BODY_BYTES - body.size()) {
                throw tooLarge();
            }
            body.write(exactly(in, size));
            if (!line(in).isEmpty()) {
                throw new IOException("chunk data not followed by CRLF");
            }
        }
    }

    private static int chunkSize(String hex) throws IOException {
        if (hex.isEmpty() || hex.length() > 7) {
            throw new IOException("malformed chunk size");
        }
        int size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new IOException("malformed chunk size");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private static int contentLength(String value) throws IOException {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IOException("malformed Content-Length");
        }
        long length = Long.parseLong(value);
        if (length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return (int) length;
    }

    private static byte[] exactly(ConnectionInput in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("answer truncated: body shorter than announced");
        }
        return bytes;
    }

    private static byte[] untilClosed(ConnectionInput in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    /** One line ending in LF; a CR before the LF is dropped, one anywhere else is malformed. */
    private static String line(ConnectionInput in) throws IOException {
        String line = in.line(MAX_LINE_BYTES);
        int cr = line.indexOf('\r');
        if (cr >= 0 && cr != line.length() - 1) {
            throw new IOException("bare CR in answer");
        }
        return cr >= 0 ? line.substring(0, cr) : line;
    }

    private static boolean token(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasToken(String list, String token) {
        if (list == null) {
            return false;
        }
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static IOException tooLarge() {
        return new IOException("answer body larger than " + MAX_BODY_BYTES + " bytes");
    }
}
