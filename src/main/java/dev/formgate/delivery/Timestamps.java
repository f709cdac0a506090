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
 * {@link DateTimeFormatter} it cost ~2 % of a delivered submission's CPU ({@code TimestampsBench}, bench/README.md).
 * Years outside 0000 to 9999, which the pattern prints with a sign, still go through the formatter.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int LENGTH = "2025-01-31T12:34:56.123456789Z".length();

    private Timestamps() {}

    static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return FORMAT.format(instant);
        }
        byte[] text = new byte[LENGTH];
        digits(text, 0, t.getYear(), 4);
        text[4] = '-';
        digits(text, 5, t.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, t.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, t.getHour(), 2);
        text[13] = ':';
        digits(text, 14, t.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, t.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, t.getNano(), 9);
        text[29] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    static Instant parse(String text) {
        return FORMAT.parse(text, Instant::from);
    }

    /** {@code value} as exactly {@code width} decimal digits (zero-padded) at {@code at}. */
    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
