package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The outbox's timestamps: the hand-written digits say exactly what the pattern says, and parse back. */
class TimestampsTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void edges_are_written_as_the_pattern_writes_them() {
        for (String iso : new String[] {"1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
                "2025-03-01T10:00:00.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(iso);
            assertEquals(PATTERN.format(instant), Timestamps.format(instant), iso);
            assertEquals(instant, Timestamps.parse(Timestamps.format(instant)), iso);
        }
        assertEquals("2025-03-01T10:00:00.000000001Z", Timestamps.format(Instant.parse("2025-03-01T10:00:00.000000001Z")));
    }

    @Test
    void any_instant_of_four_digit_years_matches_the_pattern_and_sorts_as_it_does() {
        SplittableRandom random = new SplittableRandom(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        String previous = null;
        Instant previousInstant = null;
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), random.nextInt(1_000_000_000));
            String text = Timestamps.format(instant);
            assertEquals(PATTERN.format(instant), text);
            if (previous != null) {
                assertEquals(Integer.signum(previousInstant.compareTo(instant)), Integer.signum(previous.compareTo(text)));
            }
            previous = text;
            previousInstant = instant;
        }
    }
}
