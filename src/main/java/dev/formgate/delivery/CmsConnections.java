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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
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
 * A timeout or any other failure closes the connection.
 *
 * <p>A connection idle for longer than {@code idleExpiry} ({@value #IDLE_EXPIRY_SECONDS} s by default) is closed
 * instead of reused, when the pool is next used: load balancers in front of a CMS commonly forget idle connections
 * after 60 s or more without telling either side, and a request sent on such a connection would wait for its whole
 * timeout. Thread-safe.
 */
final class CmsConnections implements AutoCloseable {
    static final int MAX_IDLE = 64;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final long IDLE_EXPIRY_SECONDS = 30;

    private final CmsEndpoint endpoint;
    private final int maxIdle;
    private final long idleExpiryNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    /** Most recently returned first; each with the {@link #nanoTime} at which it was returned. */
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    private final DeadlineWatch watch = new DeadlineWatch("formgate-cms-deadlines");
    private boolean closed;

    /** To {@code baseUrl}, trusting the JVM's default certificates over https. */
    CmsConnections(URI baseUrl) {
        this(baseUrl, CmsEndpoint::defaultTls, MAX_IDLE);
    }

    CmsConnections(URI baseUrl, Supplier<SSLContext> tls, int maxIdle) {
        this(baseUrl, tls, maxIdle, Duration.ofSeconds(IDLE_EXPIRY_SECONDS), System::nanoTime);
    }

    /** As above, closing connections idle longer than {@code idleExpiry} as told by {@code nanoTime} (tests pass their own). */
    CmsConnections(URI baseUrl, Supplier<SSLContext> tls, int maxIdle, Duration idleExpiry, LongSupplier nanoTime) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must be >= 0: " + maxIdle);
        }
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry must be > 0: " + idleExpiry);
        }
        this.endpoint = new CmsEndpoint(baseUrl, tls);
        this.maxIdle = maxIdle;
        this.idleExpiryNanos = idleExpiry.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
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

    /** The most recently returned connection that has not been idle too long; the expired ones are closed. */
    private CmsConnection takeIdle() {
        List<CmsConnection> expired;
        Idle taken;
        lock.lock();
        try {
            expired = expired(nanoTime.getAsLong());
            taken = idle.pollFirst();
        } finally {
            lock.unlock();
        }
        expired.forEach(CmsConnection::close);
        return taken == null ? null : taken.connection();
    }

    private void giveBack(CmsConnection connection) {
        long now = nanoTime.getAsLong();
        List<CmsConnection> expired;
        lock.lock();
        try {
            expired = expired(now);
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(new Idle(connection, now));
                connection = null;
            }
        } finally {
            lock.unlock();
        }
        expired.forEach(CmsConnection::close);
        if (connection != null) {
            connection.close();
        }
    }

    /** Takes the connections idle longer than the expiry off the pool (the oldest are last); under the lock. */
    private List<CmsConnection> expired(long now) {
        List<CmsConnection> expired = List.of();
        while (!idle.isEmpty() && now - idle.peekLast().since() > idleExpiryNanos) {
            if (expired.isEmpty()) {
                expired = new ArrayList<>();
            }
            expired.add(idle.pollLast().connection());
        }
        return expired;
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
            closing = idle.stream().map(Idle::connection).toList();
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

    private record Idle(CmsConnection connection, long since) {
    }
}
