package dev.formgate.delivery;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * One open connection to a CMS, used by one thread at a time: writes a request in one go and reads its answer
 * before a deadline, which bounds every read (a server that trickles bytes cannot stretch it).
 */
final class CmsConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DeadlineInput deadline;
    private final BufferedInputStream in;

    CmsConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.deadline = new DeadlineInput(socket);
        this.in = new BufferedInputStream(deadline, 8 * 1024);
    }

    /**
     * Sends the request and reads the answer by {@code deadlineNanos} ({@link System#nanoTime()});
     * {@link NoAnswerException} if it could not be sent or the connection ended before an answer began.
     */
    ResponseReader.Answer exchange(byte[] request, long deadlineNanos) throws IOException {
        deadline.until(deadlineNanos);
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw new NoAnswerException("request could not be sent", e);
        }
        return ResponseReader.read(in);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do with it
        }
    }

    /** Sets the socket's read timeout to what is left before the deadline, before each read. */
    private static final class DeadlineInput extends FilterInputStream {
        private final Socket socket;
        private long deadlineNanos;

        DeadlineInput(Socket socket) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
        }

        void until(long nanos) {
            deadlineNanos = nanos;
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }

        private void arm() throws IOException {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("read timed out");
            }
            // rounded up: a timeout of 0 would mean "wait forever"
            long millis = Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
            socket.setSoTimeout((int) millis);
        }
    }
}
