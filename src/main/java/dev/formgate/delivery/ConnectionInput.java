package dev.formgate.delivery;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a CMS connection reads, buffered without locks, with lines found by scanning the buffer.
 *
 * <p>One thread reads one answer at a time ({@link CmsConnection}), so nothing here needs the lock the JDK's
 * {@code BufferedInputStream} takes for every byte read: reading the CMS's answer byte by byte through it cost
 * 6.3 µs of each delivery to the bench's fake Flotiq and 18 µs for an answer shaped like Flotiq's own
 * ({@code ResponseReaderBench}, bench/README.md). Not thread-safe.
 */
final class ConnectionInput extends InputStream {
    private final InputStream source;
    private final byte[] buffer;
    private int position;
    private int limit;

    ConnectionInput(InputStream source, int bufferSize) {
        this.source = Objects.requireNonNull(source, "source");
        this.buffer = new byte[bufferSize];
    }

    /** Whether a byte can be read, waiting for the source if none is buffered; false at the end of the input. */
    boolean more() throws IOException {
        return position < limit || fill();
    }

    /**
     * The bytes up to the next LF, without it, as ISO-8859-1 text (one char per byte: header values are octets);
     * {@link EOFException} if the input ends first, an {@link IOException} if more than {@code maxBytes} come first.
     */
    String line(int maxBytes) throws IOException {
        StringBuilder spanning = null; // a line that goes on past what is buffered
        int length = 0;
        while (true) {
            if (!more()) {
                throw new EOFException("answer truncated");
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            length += end - start;
            if (length > maxBytes) {
                throw new IOException("line longer than " + maxBytes + " bytes");
            }
            String part = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
            if (end < limit) {
                position = end + 1;
                return spanning == null ? part : spanning.append(part).toString();
            }
            position = limit;
            spanning = spanning == null ? new StringBuilder(part) : spanning.append(part);
        }
    }

    @Override
    public int read() throws IOException {
        return more() ? buffer[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (position == limit && length >= buffer.length) {
            return source.read(into, offset, length); // nothing buffered and a large read: straight in
        }
        if (!more()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return limit - position;
    }

    /** Closing is the connection's: the socket is closed there. */
    @Override
    public void close() {
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = source.read(buffer, 0, buffer.length);
        } while (n == 0); // a blocking stream does not return 0 for a non-empty read; were it to, ask again
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
