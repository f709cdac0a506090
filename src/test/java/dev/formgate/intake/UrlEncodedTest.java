package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlEncodedTest {
    private static Map<String, List<String>> parse(String body) {
        return UrlEncoded.parse(body.getBytes(StandardCharsets.UTF_8), BodyLimits.DEFAULT);
    }

    @Test
    void fields_keep_their_order_and_repeated_names_collect_their_values() {
        assertEquals(Map.of("name", List.of("Jane"), "topics", List.of("a", "b"), "email", List.of("j@x.io")),
                parse("name=Jane&topics=a&email=j%40x.io&topics=b"));
        assertEquals(List.of("name", "topics", "email"), List.copyOf(parse("name=Jane&topics=a&email=j&topics=b").keySet()));
    }

    @Test
    void plus_is_a_space_and_escapes_are_bytes_of_utf_8() {
        assertEquals(Map.of("message", List.of("Hello, Zoë & Chloé = 100% ✓")),
                parse("message=Hello%2C+Zo%C3%AB+%26+Chlo%C3%A9+%3D+100%25+%E2%9C%93"));
        assertEquals(Map.of("a b", List.of("c+d")), parse("a+b=c%2Bd"));
    }

    @Test
    void raw_utf_8_is_read_as_utf_8_and_broken_bytes_become_replacement_characters() {
        assertEquals(Map.of("name", List.of("Zoë")), parse("name=Zoë"));
        assertEquals(Map.of("name", List.of("Zo\uFFFD")), parse("name=Zo%FF"));
        assertEquals(Map.of("name", List.of("Zoë")), parse("name=Zo%C3%ab"));
    }

    @Test
    void empty_pairs_are_skipped_and_a_name_alone_has_an_empty_value() {
        assertEquals(Map.of("a", List.of(""), "b", List.of(""), "c", List.of("=x")), parse("&&a&b=&&c==x&"));
        assertEquals(Map.of(), parse(""));
        assertEquals(Map.of("", List.of("x")), parse("=x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=%", "name=%4", "name=%zz", "name=%G1&b=c", "na%2me=x", "name=%-1", "a=%\u00e9"})
    void a_percent_without_two_hex_digits_is_a_400(String body) {
        GateException e = assertThrows(GateException.class, () -> parse(body));
        assertEquals(400, e.status());
        assertEquals("malformed-body", e.problem());
        assertTrue(e.detail().startsWith("The form data is not valid URL encoding"), e.detail());
    }

    @Test
    void limits_apply_to_the_decoded_names() {
        BodyLimits two = new BodyLimits(2, 5, 16);
        assertEquals(413, assertThrows(GateException.class,
                () -> UrlEncoded.parse("a=1&b=2&c=3".getBytes(StandardCharsets.UTF_8), two)).status());
        // six characters once decoded, though "%61%62" is longer on the wire
        assertEquals(400, assertThrows(GateException.class,
                () -> UrlEncoded.parse("abcd%61%62=1".getBytes(StandardCharsets.UTF_8), two)).status());
        assertEquals(Map.of("abcde", List.of("1")),
                UrlEncoded.parse("abc%64e=1".getBytes(StandardCharsets.UTF_8), two));
    }

    @Test
    void agrees_with_the_jdk_decoder_on_what_browsers_send() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "abcXYZ019 +-_.*~!'()&=%/?#@,;:é€✓\u00a0\t\n\"<>日本\uD83D\uDE00";
        for (int round = 0; round < 2_000; round++) {
            Map<String, List<String>> expected = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            int fields = 1 + random.nextInt(5);
            for (int f = 0; f < fields; f++) {
                String name = text(random, alphabet, 1 + random.nextInt(6));
                String value = text(random, alphabet, random.nextInt(40));
                expected.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (body.length() > 0) {
                    body.append('&');
                }
                String wire = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8);
                // what the JDK's decoder makes of the wire form is the reference, not only the original text
                assertEquals(name + "=" + value, URLDecoder.decode(wire, StandardCharsets.UTF_8));
                body.append(wire);
            }
            assertEquals(expected, parse(body.toString()), body.toString());
        }
    }

    private static String text(SplittableRandom random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return s.toString();
    }
}
