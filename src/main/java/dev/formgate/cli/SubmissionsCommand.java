package dev.formgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Settings;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.State;
import dev.formgate.delivery.StoredSubmission;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code submissions [list]}: prints stored submissions as JSON lines, newest first. */
@Command(name = "submissions", description = "List stored submissions as JSON lines (id, form, state, created, attempts, lastError, payload).")
public final class SubmissionsCommand implements Callable<Integer> {
    @Option(names = "--state", description = "held, queued, delivered or dead")
    String state;
    @Option(names = "--form", description = "only this form")
    String form;
    @Option(names = "--limit", defaultValue = "100", description = "at most this many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        Settings settings = EnvSettings.load(System.getenv());
        ObjectMapper json = new ObjectMapper();
        try (Outbox outbox = Outbox.open(settings.dataDir(), Clock.systemUTC())) {
            Optional<State> s = Optional.ofNullable(state).map(v -> State.valueOf(v.toUpperCase(Locale.ROOT)));
            for (StoredSubmission row : outbox.list(s, Optional.ofNullable(form), limit)) {
                System.out.println(line(json, row));
            }
        }
        return 0;
    }

    static String line(ObjectMapper json, StoredSubmission row) {
        ObjectNode n = json.createObjectNode()
                .put("id", row.submission().id())
                .put("form", row.submission().form())
                .put("state", row.state().name().toLowerCase(Locale.ROOT))
                .put("created", row.submission().createdAt().toString())
                .put("attempts", row.attempts())
                .put("lastError", row.lastError());
        n.set("payload", row.submission().payload());
        return n.toString();
    }
}
