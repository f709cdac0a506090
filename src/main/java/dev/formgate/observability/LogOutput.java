package dev.formgate.observability;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's log output: standard error through two 64 KB buffers, written out by one thread every {@link #EVERY}
 * (at once when a buffer fills, and at exit), instead of one {@code write(2)} per line.
 *
 * <p>The logger asks for a flush after every line; under load that was a system call per request, rejections
 * included (bench/README.md). A line reaches the output at most {@link #EVERY} after it was logged; a process killed
 * with SIGKILL loses at most that much log (never a submission: those are in the outbox before any answer).
 *
 * <p>Logging never waits for standard error: the threads that log (selector threads among them, which answer many
 * connections) only copy into the buffer being filled; the writer thread alone writes. When both buffers are full
 * because standard error is not being read (a stalled pipe or log shipper), further output is dropped, counted, and
 * reported in one line once the output moves again.
 */
public final class LogOutput extends OutputStream {
    /** How long a logged line may wait in the buffer. */
    public static final Duration EVERY = Duration.ofMillis(200);
    static final int SIZE = 64 * 1024;

    private final OutputStream target;
    private final long everyMillis;
    /** Held while taking buffers and writing them out, so write-outs happen one at a time and in order. */
    private final Object writing = new Object();
    // the rest is guarded by this
    private byte[] filling = new byte[SIZE];
    private int used;
    /** The other buffer when it is free; null while it is full or being written out. */
    private byte[] spare = new byte[SIZE];
    /** A buffer that filled up and waits for the writer; null when there is none. */
    private byte[] full;
    private int fullLength;
    private long droppedBytes;

    LogOutput(OutputStream target) {
        this(target, EVERY);
    }

    /** Written out every {@code every} (tests: a period long enough to tell a hand-over's wake-up from it). */
    LogOutput(OutputStream target, Duration every) {
        this.target = Objects.requireNonNull(target, "target");
        this.everyMillis = every.toMillis();
    }

    /**
     * Routes {@code System.err} (where the logger writes) through the buffers, written out by a daemon thread every
     * {@link #EVERY}; returns the buffer so its owner can {@link #drain()} it when stopping.
     */
    public static LogOutput install() {
        LogOutput out = new LogOutput(new FileOutputStream(FileDescriptor.err));
        System.setErr(new PrintStream(out, false, StandardCharsets.UTF_8));
        out.startWriter();
        Runtime.getRuntime().addShutdownHook(new Thread(out::drain, "log-output-exit"));
        return out;
    }

    /** Starts the daemon thread that writes the buffers out; interrupting it stops it. */
    Thread startWriter() {
        Thread writer = new Thread(this::writeForever, "log-output");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        while (len > 0) {
            if (used == SIZE && !handOver()) {
                droppedBytes += len;
                return;
            }
            int n = Math.min(len, SIZE - used);
            System.arraycopy(bytes, off, filling, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** The logger's flush after each line: deliberately nothing; the writer thread writes. */
    @Override
    public void flush() {
    }

    /** Writes out everything buffered now, waiting for a write-out in progress (the owner, when stopping). */
    public void drain() {
        synchronized (writing) {
            writeOut(take(true));
        }
    }

    /** Bytes dropped since the last report because standard error was not taking them (tests). */
    synchronized long dropped() {
        return droppedBytes;
    }

    /** The full buffer goes to the writer and the spare one is filled next; false if the spare is not back yet. */
    private boolean handOver() {
        if (spare == null) {
            return false;
        }
        full = filling;
        fullLength = used;
        filling = spare;
        spare = null;
        used = 0;
        notifyAll();
        return true;
    }

    /**
     * What to write out, oldest first: the full buffer (the one being filled is handed over when none is full and it
     * holds anything), and with {@code all} whatever is in the buffer being filled after that.
     */
    private synchronized Pending take(boolean all) {
        if (full == null && used > 0) {
            handOver();
        }
        byte[] first = full;
        int firstLength = fullLength;
        full = null;
        byte[] rest = all && used > 0 ? Arrays.copyOf(filling, used) : null;
        if (rest != null) {
            used = 0;
        }
        long dropped = droppedBytes;
        droppedBytes = 0;
        return new Pending(first, firstLength, rest, dropped);
    }

    private record Pending(byte[] first, int firstLength, byte[] rest, long dropped) {}

    private void writeOut(Pending p) {
        if (p.first() != null) {
            writeThrough(p.first(), p.firstLength());
            synchronized (this) {
                spare = p.first(); // written: free for the next hand-over
            }
        }
        if (p.rest() != null) {
            writeThrough(p.rest(), p.rest().length);
        }
        if (p.dropped() > 0) {
            byte[] notice = ("[log-output] WARN " + LogOutput.class.getName() + " - " + p.dropped()
                    + " bytes of log dropped: standard error was not being read\n").getBytes(StandardCharsets.UTF_8);
            writeThrough(notice, notice.length);
        }
    }

    private void writeThrough(byte[] bytes, int len) {
        try {
            target.write(bytes, 0, len);
            target.flush();
        } catch (IOException e) {
            // standard error is gone (a closed pipe): there is nowhere to report it, and logging must never fail a request
        }
    }

    private void writeForever() {
        while (true) {
            synchronized (this) {
                if (full == null) {
                    try {
                        wait(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            synchronized (writing) {
                writeOut(take(false));
            }
        }
    }
}
