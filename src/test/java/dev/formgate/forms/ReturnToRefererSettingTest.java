package dev.formgate.forms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.testing.TestGate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x-formgate.returnToReferer}: off by default, a boolean, and never together with {@code errorUrl}. */
class ReturnToRefererSettingTest {
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"x-formgate\":%s}";

    @TempDir
    Path tmp;

    FormRegistry load(String vendor) {
        TestGate gate = new TestGate(tmp).schema("join.schema.json", SCHEMA.formatted(vendor));
        return FormRegistry.load(EnvSettings.load(gate.env()), new ObjectMapper());
    }

    @Test
    void is_off_unless_set_to_true() {
        assertFalse(load("{}").byName("join").orElseThrow().returnToReferer());
    }

    @Test
    void true_turns_it_on() {
        assertTrue(load("{\"returnToReferer\":true}").byName("join").orElseThrow().returnToReferer());
    }

    @Test
    void refuses_a_value_that_is_not_a_boolean_naming_the_key() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("{\"returnToReferer\":\"sometimes\"}"));

        assertTrue(e.getMessage().contains("join.schema.json"), e.getMessage());
        assertTrue(e.getMessage().contains("x-formgate"), e.getMessage());
    }

    @Test
    void refuses_it_together_with_an_error_url() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{\"returnToReferer\":true,\"errorUrl\":\"https://site.example/oops\"}"));

        assertTrue(e.getMessage().contains("x-formgate.returnToReferer: has no effect when errorUrl is set"), e.getMessage());
    }
}
