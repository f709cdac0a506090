package dev.formgate.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.testing.TestGate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One start-up message names every problem of a file: a broken schema and a bad setting together. */
class FormLoaderProblemsTest {
    @TempDir
    Path tmp;

    @Test
    void reports_an_invalid_schema_and_an_invalid_setting_of_one_file_together() {
        String schema = """
                {"type":"object","properties":{"a":{"type":"string","minLength":"three"}},
                 "x-formgate":{"maxBodyBytes":-5}}""";
        TestGate gate = new TestGate(tmp).schema("join.schema.json", schema);

        ConfigException e = assertThrows(ConfigException.class,
                () -> FormRegistry.load(EnvSettings.load(gate.env()), new ObjectMapper()));

        assertTrue(e.getMessage().contains("join.schema.json: schema is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("join.schema.json: x-formgate.maxBodyBytes \"-5\""), e.getMessage());
    }

    @Test
    void settings_are_checked_by_the_validator_built_in_the_background_for_every_file() {
        TestGate gate = new TestGate(tmp)
                .schema("one.schema.json", "{\"type\":\"object\",\"x-formgate\":{\"maxBodyBytes\":0}}")
                .schema("two.schema.json", "{\"type\":\"object\",\"x-formgate\":{\"maxBodyBytes\":0}}");

        ConfigException e = assertThrows(ConfigException.class,
                () -> FormRegistry.load(EnvSettings.load(gate.env()), new ObjectMapper()));

        assertEquals(2, e.getMessage().split("x-formgate.maxBodyBytes", -1).length - 1, e.getMessage());
    }
}
