package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LogOutputTest {
    final ByteArrayOutputStream target = new ByteArrayOutputStream();
    final LogOutput buffer = new LogOutput(target);
    final PrintStream logger = new PrintStream(buffer, false, StandardCharsets.UTF_8);

    @Test
    void a_line_and_the_loggers_flush_stay_in_the_buffer_until_drained() {
        logger.println("submission request=a outcome=delivered");
        logger.flush();

        assertEquals("", written());

        buffer.drain();

        assertEquals("submission request=a outcome=delivered" + System.lineSeparator(), written());
    }

    @Test
    void more_than_a_buffer_comes_out_whole_and_in_order() {
        String line = "x".repeat(999) + "\n";
        for (int i = 0; i < 70; i++) logger.print(line); // 70 000 bytes: more than one 64 KB buffer
        logger.flush();

        assertEquals("", written(), "the loggers' threads never write themselves");

        buffer.drain();

        assertEquals(line.repeat(70), written());
        assertEquals(0, buffer.dropped());
    }

    @Test
    void a_full_buffer_wakes_the_writer_at_once() throws Exception {
        Gate gate = new Gate(0);
        LogOutput slowPeriod = new LogOutput(gate, Duration.ofSeconds(30));
        Thread writer = slowPeriod.startWriter();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writer.getState() != Thread.State.TIMED_WAITING) { // the writer is in its 30 s wait before anything is logged
                assertTrue(System.nanoTime() < deadline, "the writer never started waiting: " + writer.getState());
                Thread.onSpinWait();
            }

            slowPeriod.write(new byte[LogOutput.SIZE + 1], 0, LogOutput.SIZE + 1);

            assertTrue(gate.firstWrite.await(10, TimeUnit.SECONDS), "the full buffer went out long before the 30 s period");
            assertEquals(LogOutput.SIZE, gate.firstLength);
        } finally {
            writer.interrupt();
        }
    }

    @Test
    void logging_never_waits_for_a_stalled_output_and_what_it_drops_is_reported() throws Exception {
        Gate stalled = new Gate(1);
        LogOutput output = new LogOutput(stalled, Duration.ofMillis(10));
        Thread writer = output.startWriter();
        byte[] chunk = "y".repeat(1000).getBytes(StandardCharsets.US_ASCII);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            output.write(new byte[LogOutput.SIZE], 0, LogOutput.SIZE); // the first buffer: its write-out stalls
            assertTrue(stalled.firstWrite.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 200; i++) {
                output.write(chunk, 0, chunk.length); // fills the second buffer, then has nowhere to go
            }
        });
        long dropped = output.dropped();
        assertEquals(200 * 1000 - LogOutput.SIZE, dropped);

        stalled.open.countDown();
        output.drain();

        String out = stalled.text();
        assertEquals(2 * LogOutput.SIZE, out.indexOf("[log-output] WARN"), "both buffers out, then the report");
        assertTrue(out.endsWith(dropped + " bytes of log dropped: standard error was not being read\n"), out);
        assertEquals(0, output.dropped());
        writer.interrupt();
    }

    private String written() {
        return target.toString(StandardCharsets.UTF_8);
    }

    /** An output whose first write blocks until {@link #open} is counted down ({@code 0}: never blocks). */
    private static final class Gate extends OutputStream {
        final CountDownLatch open;
        final CountDownLatch firstWrite = new CountDownLatch(1);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile int firstLength = -1;

        Gate(int closed) {
            this.open = new CountDownLatch(closed);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (firstLength < 0) {
                firstLength = len;
                firstWrite.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
