package dev.formgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.StoredSubmission;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code submissions show ID}: one submission as pretty JSON, payload included. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one submission as JSON, with its payload, next attempt and last error.")
final class ShowSubmission implements Callable<Integer> {
    @ParentCommand
    SubmissionsCommand submissions;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "the submission id (as answered to the submitter)")
    String id;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<StoredSubmission> row;
        try (Outbox outbox = submissions.open(err)) {
            if (outbox == null) {
                return 1;
            }
            row = outbox.find(id);
        }
        if (row.isEmpty()) {
            err.println("No submission with id " + id + " (delivered ones are deleted after the retention period).");
            err.flush();
            return 1;
        }
        ObjectMapper json = Json.mapper();
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(Rows.detail(json, row.get())));
        out.flush();
        return 0;
    }
}
