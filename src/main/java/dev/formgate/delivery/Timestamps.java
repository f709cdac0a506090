package dev.formgate.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC text with nanoseconds: exact round trips, sortable as strings, readable in the sqlite3 shell.
 *
 * <p>Every outbox write formats one to three of them, so {@link #format} writes the digits itself: through
 * {@link DateTimeFormatter} it cost ~1.5 % of a delivered submission's CPU ({@code TimestampsBench}, bench/README.md).
 * Years outside 0000 to 9999, which the pattern prints with a sign, still go through the formatter.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** The fixed characters, and zeros where each field's digits go. */
    private static final byte[] TEMPLATE = "0000-00-00T00:00:00.000000000Z".getBytes(StandardCharsets.US_ASCII);

    private Timestamps() {}

    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return FORMAT.format(instant);
        }
        byte[] text = TEMPLATE.clone();
        digits(text, 4, t.getYear());
        digits(text, 7, t.getMonthValue());
        digits(text, 10, t.getDayOfMonth());
        digits(text, 13, t.getHour());
        digits(text, 16, t.getMinute());
        digits(text, 19, t.getSecond());
        digits(text, 29, t.getNano());
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    static Instant parse(String text) {
        return FORMAT.parse(text, Instant::from);
    }

    /** Writes {@code value}'s decimal digits right-aligned, ending just before {@code end}, over the template's zeros. */
    private static void digits(byte[] text, int end, int value) {
        for (int i = end - 1; value > 0; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
