package dev.formgate.observability;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's log output: standard error through a 64 KB buffer written out every {@link #EVERY} (and when full,
 * and at exit), instead of one {@code write(2)} per line.
 *
 * <p>The logger asks for a flush after every line; under load that was a system call per request, rejections
 * included (bench/README.md). A line reaches the output at most {@link #EVERY} after it was logged; a process killed
 * with SIGKILL loses at most that much log (never a submission: those are in the outbox before any answer).
 */
public final class LogOutput extends OutputStream {
    /** How long a logged line may wait in the buffer. */
    public static final Duration EVERY = Duration.ofMillis(200);
    private static final int SIZE = 64 * 1024;

    private final OutputStream target;
    private final byte[] buffer = new byte[SIZE];
    private int used;

    LogOutput(OutputStream target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Routes {@code System.err} (where the logger writes) through a buffer drained by a daemon thread every
     * {@link #EVERY}; returns the buffer so its owner can {@link #drain()} it when stopping.
     */
    public static LogOutput install() {
        LogOutput out = new LogOutput(new FileOutputStream(FileDescriptor.err));
        System.setErr(new PrintStream(out, false, StandardCharsets.UTF_8));
        Thread drainer = new Thread(out::drainForever, "log-output");
        drainer.setDaemon(true);
        drainer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(out::drain, "log-output-exit"));
        return out;
    }

    @Override
    public synchronized void write(int b) {
        if (used == SIZE) drain();
        buffer[used++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (len > SIZE - used) drain();
        if (len >= SIZE) {
            writeThrough(bytes, off, len);
            return;
        }
        System.arraycopy(bytes, off, buffer, used, len);
        used += len;
    }

    /** The logger's flush after each line: deliberately nothing; {@link #drain()} writes. */
    @Override
    public void flush() {
    }

    /** Writes out what is buffered now. */
    public synchronized void drain() {
        if (used == 0) return;
        int n = used;
        used = 0;
        writeThrough(buffer, 0, n);
    }

    private void writeThrough(byte[] bytes, int off, int len) {
        try {
            target.write(bytes, off, len);
            target.flush();
        } catch (IOException e) {
            // standard error is gone (a closed pipe): there is nowhere to report it, and logging must never fail a request
        }
    }

    private void drainForever() {
        while (true) {
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            drain();
        }
    }
}
