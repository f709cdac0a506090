package dev.formgate.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One open connection to a CMS, used by one thread at a time: writes a request in one go and reads its answer
 * before a deadline. The reads themselves are untimed; the {@link DeadlineWatch} closes the connection when the
 * deadline passes, which bounds the whole exchange (a server that trickles bytes cannot stretch it).
 */
final class CmsConnection implements AutoCloseable, DeadlineWatch.Watched {
    private final Socket socket;
    private final Socket transport;
    private final DeadlineWatch watch;
    private final OutputStream out;
    private final ConnectionInput in;
    private volatile long deadlineNanos;
    private volatile boolean expired;

    /**
     * Talks over {@code socket}; {@code transport} is the TCP socket beneath it (the same one over plain http), which
     * an expiry closes: closing a TLS socket from another thread would first try to send it a close alert.
     */
    CmsConnection(Socket socket, Socket transport, DeadlineWatch watch) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.watch = watch;
        this.out = socket.getOutputStream();
        this.in = buffered(socket.getInputStream());
    }

    /** How a connection buffers what it reads (ResponseReaderBench reads answers through the same). */
    static ConnectionInput buffered(InputStream raw) {
        return new ConnectionInput(raw, 8 * 1024);
    }

    /**
     * Sends the request and reads the answer by {@code deadlineNanos} ({@link System#nanoTime()}), else
     * {@link SocketTimeoutException}; {@link NoAnswerException} if it could not be sent or the connection ended
     * before an answer began.
     */
    ResponseReader.Answer exchange(byte[] request, long deadlineNanos) throws IOException {
        if (deadlineNanos - System.nanoTime() <= 0) {
            throw new SocketTimeoutException("read timed out");
        }
        this.deadlineNanos = deadlineNanos;
        expired = false; // an expiry that raced the end of the last exchange closed the socket: this one fails as stale
        watch.watch(this);
        try {
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new NoAnswerException("request could not be sent", e);
            }
            ResponseReader.Answer answer = ResponseReader.read(in);
            // expired after the last byte was read: the answer stands, the closed connection goes no further
            return expired ? new ResponseReader.Answer(answer.response(), false) : answer;
        } catch (IOException e) {
            throw expired ? timedOut(e) : e;
        } finally {
            watch.unwatch(this);
        }
    }

    private static SocketTimeoutException timedOut(IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        timeout.initCause(cause);
        return timeout;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void expire() {
        expired = true;
        closeQuietly(transport);
    }

    @Override
    public void close() {
        closeQuietly(socket);
        closeQuietly(transport);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that is left to do with it
        }
    }
}
