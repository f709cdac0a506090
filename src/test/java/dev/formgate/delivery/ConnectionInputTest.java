package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The lock-free buffer a CMS connection reads through: lines and bytes come out as sent, whatever the refills. */
class ConnectionInputTest {
    @Test
    void lines_that_span_refills_come_out_whole() throws IOException {
        ConnectionInput in = input("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 4);

        assertEquals("HTTP/1.1 200 OK\r", in.line(100));
        assertEquals("Content-Length: 2\r", in.line(100));
        assertEquals("\r", in.line(100));
        assertArrayEquals("{}".getBytes(StandardCharsets.US_ASCII), in.readNBytes(2));
        assertFalse(in.more());
    }

    @Test
    void a_line_is_bounded_across_refills_and_bytes_are_octets() throws IOException {
        ConnectionInput in = input("abcdefgh\nabcdefghi\n\u00e9\n", 3);

        assertEquals("abcdefgh", in.line(8)); // exactly the limit
        IOException tooLong = assertThrows(IOException.class, () -> in.line(8));
        assertEquals("line longer than 8 bytes", tooLong.getMessage());

        ConnectionInput latin = input("X-Name: \u00e9\n", 64);
        assertEquals("X-Name: \u00c3\u00a9", latin.line(64)); // two UTF-8 bytes, one char each
    }

    @Test
    void input_ending_before_the_line_does_is_truncated() throws IOException {
        ConnectionInput in = input("HTTP/1.1 20", 4);

        assertTrue(in.more());
        assertThrows(EOFException.class, () -> in.line(100));
        assertFalse(in.more());
        assertEquals(-1, in.read());
    }

    @Test
    void reads_take_what_is_buffered_first_then_large_ones_go_straight_to_the_source() throws IOException {
        byte[] body = new byte[100];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        CountingStream source = new CountingStream(concat("ab\n".getBytes(StandardCharsets.US_ASCII), body));
        ConnectionInput in = new ConnectionInput(source, 16);

        assertEquals("ab", in.line(10));
        byte[] read = in.readNBytes(100);

        assertArrayEquals(body, read);
        // one fill of 16 bytes, then the remaining 87 asked of the source directly, not 16 at a time
        assertTrue(source.reads <= 3, "reads from the source: " + source.reads);
        assertEquals(-1, in.read(new byte[4], 0, 4));
    }

    private static ConnectionInput input(String text, int bufferSize) {
        return new ConnectionInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bufferSize);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A source that counts how often it is asked for bytes. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream bytes;
        int reads;

        CountingStream(byte[] content) {
            this.bytes = new ByteArrayInputStream(content);
        }

        @Override
        public int read() {
            reads++;
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            return bytes.read(b, off, len);
        }
    }
}
