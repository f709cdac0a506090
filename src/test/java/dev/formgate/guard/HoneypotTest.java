package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HoneypotTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void filled_form_field_trips() {
        assertTrue(Honeypot.tripped("website", Map.of("name", List.of("Ann"), "website", List.of("http://spam"))));
    }

    @Test
    void any_filled_value_of_a_repeated_field_trips() {
        assertTrue(Honeypot.tripped("website", Map.of("website", List.of("", "spam"))));
    }

    @Test
    void empty_blank_or_absent_form_field_does_not_trip() {
        assertFalse(Honeypot.tripped("website", Map.of("website", List.of(""))));
        assertFalse(Honeypot.tripped("website", Map.of("website", List.of("  "))));
        assertFalse(Honeypot.tripped("website", Map.of("website", Arrays.asList((String) null))));
        assertFalse(Honeypot.tripped("website", Map.of("name", List.of("Ann"))));
    }

    @Test
    void no_honeypot_configured_never_trips() {
        assertFalse(Honeypot.tripped(null, Map.of("website", List.of("spam"))));
        assertFalse(Honeypot.tripped(null, node("{\"website\":\"spam\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"website\":\"spam\"}", "{\"website\":1}", "{\"website\":true}", "{\"website\":{\"a\":1}}",
            "{\"website\":[\"x\"]}"})
    void filled_json_member_trips(String body) {
        assertTrue(Honeypot.tripped("website", node(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"website\":\"\"}", "{\"website\":\" \"}", "{\"website\":null}", "{\"name\":\"Ann\"}",
            "[\"website\"]"})
    void empty_or_absent_json_member_does_not_trip(String body) {
        assertFalse(Honeypot.tripped("website", node(body)));
    }

    private JsonNode node(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
