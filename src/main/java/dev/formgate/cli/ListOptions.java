package dev.formgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.State;
import dev.formgate.delivery.StoredSubmission;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The filters of {@code submissions [list]} and the printing they share. */
final class ListOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--state", converter = StateConverter.class, paramLabel = "held|queued|delivered|dead",
            description = "only submissions in this state")
    State state;
    @Option(names = "--form", paramLabel = "FORM", description = "only this form")
    String form;
    int limit = 100;

    @Option(names = "--limit", paramLabel = "N", description = "at most N, newest first (default 100)")
    void limit(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + n);
        }
        limit = n;
    }

    /** Prints one JSON line per matching row: id, form, state, created, attempts, lastError, payload. */
    int print(SubmissionsCommand submissions, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper json = Json.mapper();
        try (Outbox outbox = submissions.open(err)) {
            if (outbox == null) {
                return 1;
            }
            for (StoredSubmission row : outbox.list(Optional.ofNullable(state), Optional.ofNullable(form), limit)) {
                out.println(Rows.line(json, row));
            }
        }
        out.flush();
        return 0;
    }

    /** {@code --state} values, any case. */
    static final class StateConverter implements ITypeConverter<State> {
        @Override
        public State convert(String value) {
            try {
                return State.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
