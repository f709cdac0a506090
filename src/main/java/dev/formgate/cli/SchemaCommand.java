package dev.formgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.FormGate;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Json;
import dev.formgate.config.Secret;
import dev.formgate.config.Settings;
import dev.formgate.delivery.FlotiqContentTypes;
import dev.formgate.forms.FlotiqSchemaConverter;
import dev.formgate.forms.PulledSchema;
import dev.formgate.validation.SchemaValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code schema pull <contentType>}: writes a form schema generated from a Flotiq content type definition. */
@Command(name = "schema", description = "Work with form schemas.", subcommands = SchemaCommand.Pull.class)
public final class SchemaCommand {
    @ParentCommand
    FormGate parent;

    /** Reads the definition from Flotiq and writes {@code <form>.schema.json}. */
    @Command(name = "pull", description = "Generate <form>.schema.json from a Flotiq content type definition "
            + "(GET {FLOTIQ_API_URL}/api/v1/internal/contenttype/<name>, key FLOTIQ_API_KEY).")
    static final class Pull implements Callable<Integer> {
        @ParentCommand
        SchemaCommand schema;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "<contentType>", description = "Flotiq content type name, e.g. contact_form")
        String contentType;
        @Option(names = "--out", paramLabel = "DIR", description = "directory to write to (default: FORMGATE_SCHEMAS)")
        Path out;
        @Option(names = "--force", description = "overwrite an existing file")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Settings settings = EnvSettings.load(schema.parent.env());
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            String form = contentType.replace('_', '-').toLowerCase(java.util.Locale.ROOT);
            Secret key = settings.flotiqKeys().forForm(form).orElse(null);
            if (key == null) {
                stderr.println("Set FLOTIQ_API_KEY (a key that may read content type definitions) to pull a schema.");
                return 2;
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            PulledSchema pulled;
            try {
                pulled = new FlotiqSchemaConverter().convert(
                        new FlotiqContentTypes(http, settings.flotiqUrl(), key).fetch(contentType));
                SchemaValidator.compile(pulled.schema());
            } catch (RuntimeException e) {
                stderr.println("schema pull " + contentType + ": " + e.getMessage());
                return 1;
            }
            Path dir = out != null ? out : settings.schemasDir();
            Path file = dir.resolve(pulled.formName() + ".schema.json");
            if (Files.exists(file) && !force) {
                stderr.println(file + " exists; pass --force to overwrite it.");
                return 1;
            }
            Files.createDirectories(dir);
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(pulled.schema())
                    + System.lineSeparator());
            stdout.println("wrote " + file + " (form " + pulled.formName() + ", content type " + contentType + ")");
            for (String skipped : pulled.skipped()) {
                stdout.println("  left out: " + skipped + " (a public form cannot fill it)");
            }
            return 0;
        }
    }
}
