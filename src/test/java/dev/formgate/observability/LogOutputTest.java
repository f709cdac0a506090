package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void a_full_buffer_is_written_out_before_more_is_taken_and_order_is_kept() {
        String line = "x".repeat(999) + "\n";
        for (int i = 0; i < 70; i++) logger.print(line); // 70 000 bytes: more than the 64 KB buffer

        int early = target.size();
        buffer.drain();

        assertEquals(65 * 1000, early, "the first 65 whole lines went out when the 66th did not fit");
        assertEquals(line.repeat(70), written());
    }

    @Test
    void a_write_larger_than_the_buffer_goes_straight_through_after_what_was_buffered() throws Exception {
        buffer.write("first\n".getBytes(StandardCharsets.UTF_8));
        buffer.write("y".repeat(70_000).getBytes(StandardCharsets.UTF_8));

        assertEquals("first\n" + "y".repeat(70_000), written());
    }

    private String written() {
        return target.toString(StandardCharsets.UTF_8);
    }
}
