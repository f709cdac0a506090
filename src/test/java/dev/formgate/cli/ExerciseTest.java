package dev.formgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.FormGate;
import dev.formgate.config.EnvSettings;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.testing.TestGate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check --exercise}: the real server answers sample traffic privately, and nothing is left behind. */
class ExerciseTest {
    @TempDir
    Path tmp;

    Map<String, String> repoSchemas() throws Exception {
        Path schemas = Files.createDirectories(tmp.resolve("schemas"));
        for (String f : List.of("contact-form.schema.json", "newsletter-signup.schema.json")) {
            Files.copy(Path.of("schemas", f), schemas.resolve(f));
        }
        return Map.of("FORMGATE_SCHEMAS", schemas.toString(), "FORMGATE_DATA", tmp.resolve("data").toString(),
                "FORMGATE_ALLOWED_ORIGINS", "https://www.example.com");
    }

    @Test
    void the_samples_of_the_shipped_schemas_are_valid_submissions() throws Exception {
        FormRegistry forms = FormRegistry.load(EnvSettings.load(repoSchemas()), new ObjectMapper());

        for (FormDefinition form : forms.all()) {
            assertEquals(List.of(), form.validator().validate(SampleSubmission.of(form.schema())), form.name());
        }
    }

    @Test
    void a_browser_post_of_the_sample_repeats_array_values_and_ticks_checkboxes() throws Exception {
        var sample = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
                .readTree("{\"a\":[\"x y\",\"z\"],\"ok\":true,\"n\":3}");

        assertEquals("a=x+y&a=z&ok=on&n=3", Exercise.urlencoded(sample));
    }

    @Test
    void a_server_that_cannot_start_fails_the_exercise_with_exit_2_and_the_reason() throws Exception {
        var settings = EnvSettings.load(repoSchemas());
        // the schemas are gone between the check and the rehearsal: the private server cannot load its forms
        try (var files = Files.list(settings.schemasDir())) {
            for (Path f : files.toList()) Files.delete(f);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = CheckCommand.exercise(settings, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(2, exit);
        assertTrue(err.toString().contains("exercise failed: the server did not start"), err.toString());
        assertFalse(out.toString().contains("exercise:"), out.toString());
    }

    @Test
    void check_exercise_serves_every_form_privately_and_stores_nothing_in_the_data_directory() throws Exception {
        Map<String, String> env = repoSchemas();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new FormGate(env));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int exit = cmd.execute("check", "--exercise");

        assertEquals(0, exit, out + "\n" + err);
        String summary = out.toString().lines().filter(l -> l.startsWith("exercise:")).findFirst().orElseThrow();
        // per form: the JSON sample is stored and queued (the CMS refuses connections), the browser post gets the
        // thank-you page, the empty body is refused; 2 forms + 5 service requests
        assertTrue(summary.startsWith("exercise: 15 requests"), summary);
        assertTrue(summary.contains(" 202 x2"), summary);
        assertTrue(summary.contains(" 422 x2"), summary);
        assertTrue(summary.contains(" 404 x1"), summary);
        assertFalse(Files.exists(Path.of(env.get("FORMGATE_DATA"), "formgate.db")), "the configured data directory stays untouched");
    }
}
