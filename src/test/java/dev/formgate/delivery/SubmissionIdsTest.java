package dev.formgate.delivery;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubmissionIdsTest {
    private final TestClock clock = new TestClock();

    @Test
    void ids_are_version_7_uuids_carrying_the_millisecond() {
        SubmissionIds ids = new SubmissionIds(clock, new SplittableRandom(1));

        UUID id = UUID.fromString(ids.next());

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(clock.millis(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void ids_sort_in_creation_order_within_and_across_milliseconds() {
        SubmissionIds ids = new SubmissionIds(clock, new SplittableRandom(7));
        List<String> made = new ArrayList<>();

        for (int i = 0; i < 5_000; i++) {
            made.add(ids.next());
            if (i % 1_000 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }

        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted);
        assertEquals(made.size(), new HashSet<>(made).size());
    }

    @Test
    void ids_keep_increasing_when_the_clock_steps_back() {
        SubmissionIds ids = new SubmissionIds(clock, new SplittableRandom(3));
        String before = ids.next();

        clock.advance(Duration.ofSeconds(-5));
        String after = ids.next();

        assertTrue(after.compareTo(before) > 0, before + " < " + after);
    }

    @Test
    void submission_to_string_hides_the_payload() {
        Submission s = new Fixtures(clock).submission("contact", "contact_form",
                Fixtures.payload("Grace Hopper", "grace@example.com", "secret plan"));

        String text = s.toString();

        assertTrue(text.contains(s.id()) && text.contains("contact_form"), text);
        assertFalse(text.contains("Grace") || text.contains("grace@example.com") || text.contains("secret"), text);
    }
}
