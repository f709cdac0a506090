package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.formgate.delivery.ScriptedServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed, truncated or oversized answer is an IOException (so the row is retried), never a success. */
class MalformedAnswersTest {
    static final String OK = "HTTP/1.1 200 OK\r\n";
    static final String CHUNKED = OK + "Transfer-Encoding: chunked\r\n\r\n";

    @RegisterExtension
    final ScriptedServer server = ScriptedServer.http();
    private final CmsConnections connections = server.client();

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("status line cut short", "HTTP/1.1 20"),
                Arguments.of("headers cut short", OK + "Content-Le"),
                Arguments.of("no empty line after the headers", OK + "Content-Length: 2\r\n"),
                Arguments.of("body shorter than its Content-Length", OK + "Content-Length: 10\r\n\r\n{}"),
                Arguments.of("chunk cut short", CHUNKED + "5\r\nhel"),
                Arguments.of("no last chunk", CHUNKED + "2\r\n{}\r\n"),
                Arguments.of("chunk data not followed by CRLF", CHUNKED + "2\r\n{}XX0\r\n\r\n"),
                Arguments.of("chunk size not hex", CHUNKED + "zz\r\n"),
                Arguments.of("negative chunk size", CHUNKED + "-1\r\n"),
                Arguments.of("status not three digits", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("no space after the status", "HTTP/1.1 200OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("not HTTP/1.x", "HTTP/2 200\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("not HTTP at all", "ICY 200 OK\r\n\r\n"),
                Arguments.of("header line without colon", OK + "No colon here\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("space before the colon", OK + "Content-Length : 2\r\n\r\n{}"),
                Arguments.of("folded header line", OK + "X-A: 1\r\n  continued\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("bare CR", OK + "X-A: 1\rX-B: 2\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("Content-Length not a number", OK + "Content-Length: abc\r\n\r\n"),
                Arguments.of("Content-Length with a sign", OK + "Content-Length: +2\r\n\r\n{}"),
                Arguments.of("two different Content-Lengths", OK + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"),
                Arguments.of("transfer coding other than chunked", OK + "Transfer-Encoding: gzip\r\n\r\n{}"),
                Arguments.of("switching protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n"),
                Arguments.of("endless interim answers", "HTTP/1.1 100 Continue\r\n\r\n".repeat(10)),
                Arguments.of("header line over 8 KiB", OK + "X-Big: " + "a".repeat(9_000) + "\r\n\r\n"),
                Arguments.of("more than 100 headers", OK + "X-A: 1\r\n".repeat(101) + "Content-Length: 0\r\n\r\n"),
                Arguments.of("Content-Length over 1 MiB", OK + "Content-Length: 1048577\r\n\r\n"),
                Arguments.of("chunks over 1 MiB", CHUNKED + "80000\r\n" + "a".repeat(0x80000) + "\r\n80001\r\n"),
                Arguments.of("body to the close over 1 MiB", OK + "\r\n" + "a".repeat(1024 * 1024 + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void is_a_failure_and_its_connection_is_not_kept(String what, String answer) {
        server.reply(Reply.thenClose(answer));

        assertThrows(IOException.class, () -> connections.post("/x", Map.of(), new byte[0], Duration.ofSeconds(5)));

        assertEquals(0, connections.idleCount());
    }
}
