package dev.formgate.cli;

import dev.formgate.FormGate;
import dev.formgate.config.EnvSettings;
import dev.formgate.delivery.Outbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code submissions}: operator commands on the outbox; with no subcommand it is {@code submissions list}.
 *
 * <p>They open the same database file as the server and may run while it serves: reads never wait for the
 * server, and writes take SQLite's write lock for one short transaction (waiting up to the busy timeout).
 */
@Command(name = "submissions", mixinStandardHelpOptions = true,
        description = "Inspect and repair the outbox. With no subcommand: list (JSON lines, newest first).",
        subcommands = {ListSubmissions.class, ShowSubmission.class, RetrySubmissions.class, PurgeSubmissions.class})
public final class SubmissionsCommand implements Callable<Integer> {
    @ParentCommand
    FormGate root;
    @Spec
    CommandSpec spec;
    @Mixin
    ListOptions list;

    @Override
    public Integer call() {
        return list.print(this, spec.commandLine().getOut());
    }

    /** Opens the outbox named by {@code FORMGATE_DATA}; refuses to create one where none exists (a typo'd path). */
    Outbox open(PrintWriter err) {
        Path dataDir = EnvSettings.load(root.env()).dataDir();
        Path file = Outbox.file(dataDir);
        if (!Files.isRegularFile(file)) {
            err.println("No outbox at " + file.toAbsolutePath() + "; set FORMGATE_DATA to the server's data directory.");
            err.flush();
            return null;
        }
        return Outbox.open(dataDir, root.clock());
    }

    FormGate root() {
        return root;
    }
}
