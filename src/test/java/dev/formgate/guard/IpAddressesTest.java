package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    /** The definition the scanner must agree with (the pattern {@code parse} used before it). */
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "255.255.255.255", "10.0.0.1", "192.168.100.200", "99.9.199.249"})
    void canonical_ipv4_is_its_own_key(String address) {
        assertEquals(true, IpAddresses.isDottedQuad(address));
        assertEquals(Optional.of(address), IpAddresses.key(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
            "1.2.3.00", "1.2.3.1000", "1.2.3.a", "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "１.2.3.4", "1.2.3.4:80", "::1"})
    void anything_else_is_not_a_dotted_quad(String text) {
        assertEquals(false, IpAddresses.isDottedQuad(text));
    }

    @Test
    void keys_of_non_canonical_forms_are_unchanged_by_the_fast_path() {
        assertEquals(Optional.of("1.2.3.4"), IpAddresses.key(" 1.2.3.4 "));
        assertEquals(Optional.of("1.2.3.4"), IpAddresses.key("1.2.3.4:8080"));
        assertEquals(Optional.of("2001:db8:1:2::/64"), IpAddresses.key("[2001:db8:1:2:3:4:5:6]:443"));
        assertEquals(Optional.empty(), IpAddresses.key("01.2.3.4"));
        assertEquals(Optional.empty(), IpAddresses.key("example.com"));
    }

    @Test
    void agrees_with_the_pattern_on_random_strings_of_digits_and_dots() {
        Random random = new Random(42);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String text = i % 2 == 0 ? noise(random) : nearQuad(random);
            if (IpAddresses.isDottedQuad(text) != DOTTED_QUAD.matcher(text).matches()) disagreements.add(text);
        }
        assertEquals(List.of(), disagreements);
    }

    private static String noise(Random random) {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(16);
        for (int j = 0; j < length; j++) s.append("0123456789.".charAt(random.nextInt(11)));
        return s.toString();
    }

    /** Three to five parts of zero to four digits: most of the edge cases (leading zeros, 256, empty parts). */
    private static String nearQuad(Random random) {
        List<String> parts = new ArrayList<>();
        int count = 3 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            StringBuilder part = new StringBuilder();
            int digits = random.nextInt(5);
            for (int d = 0; d < digits; d++) part.append((char) ('0' + (d == 0 ? random.nextInt(3) : random.nextInt(10))));
            parts.add(part.toString());
        }
        return String.join(".", parts);
    }
}
