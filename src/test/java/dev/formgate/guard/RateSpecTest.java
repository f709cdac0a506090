package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateSpecTest {
    @ParameterizedTest
    @CsvSource({"5/1m,5,60", "10/30s,10,30", "3/2h,3,7200", "100/1d,100,86400", "7/m,7,60", " 5 / 1m ,5,60"})
    void parses_count_and_window(String text, long tokens, long seconds) {
        RateSpec spec = RateSpec.parse(text);

        assertEquals(new RateSpec(tokens, Duration.ofSeconds(seconds)), spec);
    }

    @ParameterizedTest
    @CsvSource({"5/1m,5/1m", "5/60s,5/1m", "5/90s,5/90s", "5/120m,5/2h", "5/24h,5/1d", "5/m,5/1m"})
    void prints_back_to_the_short_form(String text, String printed) {
        assertEquals(printed, RateSpec.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5/0m|\"5/0m\": window must be > 0",
            "0/1m|\"0/1m\": count must be > 0",
            "5/1w|\"5/1w\": unknown unit \"w\" (use s, m, h or d)",
            "five/1m|\"five/1m\": expected N/<window> like 5/1m (units s, m, h, d)",
            "5|\"5\": expected N/<window> like 5/1m (units s, m, h, d)",
            "-1/1m|\"-1/1m\": expected N/<window> like 5/1m (units s, m, h, d)",
            "99999999999999999999/1m|\"99999999999999999999/1m\": count is too large",
            "1/999999d|\"1/999999d\": window must be at most 366d"})
    void rejects_bad_specs_with_a_message_naming_the_value(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> RateSpec.parse(text));

        assertEquals(message, e.getMessage());
    }

    @Test
    void parses_a_comma_separated_list_in_order() {
        List<RateSpec> specs = RateSpec.parseList("5/1m, 30/1h");

        assertEquals(List.of(new RateSpec(5, Duration.ofMinutes(1)), new RateSpec(30, Duration.ofHours(1))), specs);
    }

    @Test
    void none_is_the_empty_list() {
        assertEquals(List.of(), RateSpec.parseList("none"));
    }

    @Test
    void list_rejects_an_empty_item_and_a_repeated_window() {
        assertThrows(IllegalArgumentException.class, () -> RateSpec.parseList("5/1m,"));
        assertThrows(IllegalArgumentException.class, () -> RateSpec.parseList(""));
        var e = assertThrows(IllegalArgumentException.class, () -> RateSpec.parseList("5/1m,10/60s"));

        assertEquals("\"5/1m,10/60s\": window 1m is given twice", e.getMessage());
    }

    @Test
    void constructor_rejects_non_positive_and_fractional_values() {
        assertThrows(IllegalArgumentException.class, () -> new RateSpec(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateSpec(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RateSpec(1, Duration.ofMillis(1500)));
    }
}
