package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.ScriptedServer.Reply;
import dev.formgate.testing.Eventually;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocking keep-alive client against a real socket server that answers exactly the bytes each test scripts. */
class CmsConnectionsTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

    @RegisterExtension
    final ScriptedServer server = ScriptedServer.http();
    private final CmsConnections connections = server.client();

    private CmsResponse post() throws IOException {
        return connections.post("/api/v1/content/contact_form", HEADERS, "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    @Test
    void sequential_calls_share_one_keep_alive_connection() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, post().status());
        }

        assertEquals(1, server.accepted());
        assertEquals(5, server.requests().size());
        assertEquals(1, connections.idleCount());
    }

    @Test
    void the_request_names_host_port_path_prefix_headers_and_length() throws Exception {
        try (CmsConnections prefixed = new CmsConnections(URI.create(server.baseUrl() + "/flotiq/"))) {
            prefixed.post("/api/v1/content/contact_form", Map.of("X-AUTH-TOKEN", "k"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    TIMEOUT);
        }

        String request = server.requests().get(0);
        assertTrue(request.startsWith("POST /flotiq/api/v1/content/contact_form HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:" + server.baseUrl().getPort() + "\r\n"), request);
        assertTrue(request.contains("\r\nX-AUTH-TOKEN: k\r\n"), request);
        assertTrue(request.contains("\r\nContent-Length: 7\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":1}"), request);
    }

    @Test
    void a_content_length_body_is_read_as_utf_8_and_headers_by_any_case() throws Exception {
        // 8 bytes: é takes two in UTF-8
        server.reply(Reply.of("HTTP/1.1 429 Too Many Requests\r\nretry-after: 17\r\nContent-Length: 8\r\n\r\n{\"é\":1}"));

        CmsResponse response = post();

        assertEquals(429, response.status());
        assertEquals("{\"é\":1}", response.body());
        assertEquals(Optional.of("17"), response.header("Retry-After"));
        assertEquals(Optional.of("17"), response.header("RETRY-AFTER"));
        assertEquals(Optional.empty(), response.header("X-Missing"));
    }

    @Test
    void a_chunked_body_is_joined_and_the_connection_kept() throws Exception {
        server.reply(Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));

        CmsResponse first = post();
        CmsResponse second = post();

        assertEquals("hello world", first.body());
        assertEquals(200, second.status());
        assertEquals(1, server.accepted());
    }

    @Test
    void a_body_without_length_is_read_to_the_close_and_its_connection_not_reused() throws Exception {
        server.reply(Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"until\":\"close\"}"));

        CmsResponse first = post();
        post();

        assertEquals("{\"until\":\"close\"}", first.body());
        assertEquals(2, server.accepted());
    }

    /** The server keeps each socket open: only what the answer says makes the client let go of it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n"})
    void an_answer_that_ends_its_connection_is_honoured(String answer) throws Exception {
        server.reply(Reply.of(answer));

        post();
        post();

        assertEquals(2, server.accepted());
    }

    @Test
    void an_interim_100_continue_is_skipped() throws Exception {
        server.reply(Reply.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"));

        assertEquals(201, post().status());
    }

    @Test
    void a_pooled_connection_the_server_closed_while_idle_is_replaced_and_the_call_succeeds() throws Exception {
        server.reply(Reply.thenClose(ScriptedServer.OK)); // keep-alive by its headers, closed right after
        post();
        Eventually.until(() -> server.closed() == 1);

        CmsResponse response = post();

        assertEquals(200, response.status());
        assertEquals(2, server.accepted());
        assertEquals(2, server.requests().size());
    }

    @Test
    void a_stale_connection_is_retried_once_only() throws Exception {
        server.reply(Reply.thenClose(ScriptedServer.OK), Reply.drop());
        post();
        Eventually.until(() -> server.closed() == 1);

        IOException e = assertThrows(IOException.class, this::post);

        assertInstanceOf(NoAnswerException.class, e);
        assertEquals(2, server.accepted());
    }

    @Test
    void a_new_connection_closed_before_the_answer_is_not_retried() {
        server.reply(Reply.drop());

        assertThrows(NoAnswerException.class, this::post);

        assertEquals(1, server.accepted());
        assertEquals(1, server.requests().size());
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadline not kept fails, not hangs
    void a_read_timeout_fails_within_the_timeout_and_the_connection_is_not_reused() throws Exception {
        server.reply(Reply.hang());

        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> connections.post("/x", HEADERS, new byte[0], Duration.ofMillis(300)));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        post();

        assertTrue(tookMillis >= 250 && tookMillis < 3_000, "timed out after " + tookMillis + " ms");
        assertEquals(2, server.accepted());
        assertEquals(1, connections.idleCount());
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadline not kept fails, not hangs
    void a_server_that_trickles_bytes_cannot_stretch_the_timeout() {
        server.reply(Reply.trickle("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", 50)); // ~2 s in all

        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> connections.post("/x", HEADERS, new byte[0], Duration.ofMillis(300)));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(tookMillis < 1_500, "timed out after " + tookMillis + " ms");
    }

    @Test
    void extra_connections_beyond_the_idle_bound_are_closed_after_use() throws Exception {
        server.holdUntil(2); // both calls in flight at once: two connections
        ExecutorService callers = Executors.newFixedThreadPool(2); // two threads of its own (the common pool may have one)
        try (CmsConnections small = new CmsConnections(server.baseUrl(), CmsEndpoint::defaultTls, 1)) {
            Future<CmsResponse> a = callers.submit(() -> call(small));
            Future<CmsResponse> b = callers.submit(() -> call(small));

            assertEquals(200, a.get(10, TimeUnit.SECONDS).status());
            assertEquals(200, b.get(10, TimeUnit.SECONDS).status());
            Eventually.until(() -> server.closed() == 1);

            assertEquals(2, server.accepted());
            assertEquals(1, small.idleCount());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_connection_idle_longer_than_the_expiry_is_closed_and_a_new_one_opened() throws Exception {
        AtomicLong now = new AtomicLong();
        try (CmsConnections expiring = new CmsConnections(server.baseUrl(), CmsEndpoint::defaultTls, 4,
                Duration.ofSeconds(30), now::get)) {
            call(expiring);
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            call(expiring); // within the expiry: the same connection
            assertEquals(1, server.accepted());

            now.addAndGet(Duration.ofSeconds(31).toNanos());
            assertEquals(200, call(expiring).status());

            assertEquals(2, server.accepted());
            assertEquals(3, server.requests().size()); // nothing was sent on the expired connection
            Eventually.until(() -> server.closed() == 1); // closed by the client, not left open
            assertEquals(1, expiring.idleCount());
        }
    }

    @Test
    void expired_connections_are_closed_when_another_comes_back_to_the_pool() throws Exception {
        AtomicLong now = new AtomicLong();
        server.holdUntil(2); // two calls in flight at once: two connections in the pool afterwards
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (CmsConnections expiring = new CmsConnections(server.baseUrl(), CmsEndpoint::defaultTls, 4,
                Duration.ofSeconds(30), now::get)) {
            Future<CmsResponse> a = callers.submit(() -> call(expiring));
            Future<CmsResponse> b = callers.submit(() -> call(expiring));
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
            assertEquals(2, expiring.idleCount());

            now.addAndGet(Duration.ofSeconds(31).toNanos());
            call(expiring); // takes neither expired connection; both are closed

            assertEquals(3, server.accepted());
            Eventually.until(() -> server.closed() == 2);
            assertEquals(1, expiring.idleCount());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void the_idle_expiry_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> new CmsConnections(server.baseUrl(), CmsEndpoint::defaultTls,
                4, Duration.ZERO, System::nanoTime));
    }

    private static CmsResponse call(CmsConnections client) throws IOException {
        return client.post("/x", HEADERS, new byte[0], TIMEOUT);
    }
}
