package dev.formgate.delivery;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Blocking HTTP/1.1 POSTs to one CMS over a bounded pool of idle keep-alive connections; the calling thread does
 * the I/O itself (no hand-off to a client's selector or executor thread), on platform and virtual threads alike.
 *
 * <p>A connection goes back to the pool only after its answer was read completely and the server did not ask to
 * close it; at most {@code maxIdle} wait there (the most recently used is taken first), others are closed. When a
 * reused connection turns out to be stale (the server closed it while idle: the request cannot be sent, or the
 * connection ends before the answer's first byte), the request is sent once more on a new connection. That is
 * safe only for requests the CMS deduplicates, as Flotiq's create call with the submission id as object id.
 * A timeout or any other failure closes the connection. Thread-safe.
 */
final class CmsConnections implements AutoCloseable {
    static final int MAX_IDLE = 64;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final CmsEndpoint endpoint;
    private final int maxIdle;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<CmsConnection> idle = new ArrayDeque<>();
    private final DeadlineWatch watch = new DeadlineWatch("formgate-cms-deadlines");
    private boolean closed;

    /** To {@code baseUrl}, trusting the JVM's default certificates over https. */
    CmsConnections(URI baseUrl) {
        this(baseUrl, CmsEndpoint::defaultTls, MAX_IDLE);
    }

    CmsConnections(URI baseUrl, Supplier<SSLContext> tls, int maxIdle) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must be >= 0: " + maxIdle);
        }
        this.endpoint = new CmsEndpoint(baseUrl, tls);
        this.maxIdle = maxIdle;
    }

    /**
     * POSTs {@code body} to {@code path} below the base URL and reads the whole answer within {@code timeout}
     * (connecting included); throws {@link SocketTimeoutException} when the time is up, another
     * {@link IOException} for a failed connection or a malformed answer.
     */
    CmsResponse post(String path, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        byte[] request = endpoint.post(path, headers, body);
        long deadline = System.nanoTime() + timeout.toNanos();
        CmsConnection reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, request, deadline);
            } catch (NoAnswerException stale) {
                // closed by exchange; sent again below on a new connection
            }
        }
        return exchange(open(deadline), request, deadline);
    }

    private CmsResponse exchange(CmsConnection connection, byte[] request, long deadline) throws IOException {
        ResponseReader.Answer answer;
        try {
            answer = connection.exchange(request, deadline);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (answer.reusable()) {
            giveBack(connection);
        } else {
            connection.close();
        }
        return answer.response();
    }

    private CmsConnection open(long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("no time left to connect");
        }
        int connectMillis = (int) Math.min(left, CONNECT_TIMEOUT.toMillis());
        Socket plain = endpoint.connect(connectMillis);
        try {
            int handshakeMillis = (int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()),
                    Integer.MAX_VALUE));
            return new CmsConnection(endpoint.secure(plain, handshakeMillis), plain, watch);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private CmsConnection takeIdle() {
        lock.lock();
        try {
            return idle.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void giveBack(CmsConnection connection) {
        lock.lock();
        try {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(connection);
                return;
            }
        } finally {
            lock.unlock();
        }
        connection.close();
    }

    /** How many connections wait in the pool; for tests. */
    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle connections; connections in use are closed when their exchange ends. */
    @Override
    public void close() {
        List<CmsConnection> closing;
        lock.lock();
        try {
            closed = true;
            closing = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        closing.forEach(CmsConnection::close);
        watch.close();
    }

    @Override
    public String toString() {
        return "CmsConnections[" + endpoint + "]";
    }
}
