package dev.formgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code submissions list}: one JSON line per submission, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print submissions as JSON lines (id, form, state, created, attempts, lastError, payload), newest first.")
final class ListSubmissions implements Callable<Integer> {
    @ParentCommand
    SubmissionsCommand submissions;
    @Spec
    CommandSpec spec;
    @Mixin
    ListOptions list;

    @Override
    public Integer call() {
        return list.print(submissions, spec.commandLine().getOut());
    }
}
