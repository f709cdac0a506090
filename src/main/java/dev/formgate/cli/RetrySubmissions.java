package dev.formgate.cli;

import dev.formgate.delivery.Outbox;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code submissions retry ID | --dead}: queue again for delivery now, e.g. after fixing the CMS schema or key. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Queue one submission (ID) or every dead one (--dead) for delivery now; prints how many.")
final class RetrySubmissions implements Callable<Integer> {
    @ParentCommand
    SubmissionsCommand submissions;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "ID", arity = "0..1", description = "the submission to retry (dead, queued or held)")
    String id;
    @Option(names = "--dead", description = "retry every dead submission")
    boolean dead;

    @Override
    public Integer call() {
        if ((id == null) == !dead) {
            throw new ParameterException(spec.commandLine(), "Give either an ID or --dead.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Outbox outbox = submissions.open(err)) {
            if (outbox == null) {
                return 1;
            }
            if (dead) {
                out.println("requeued " + outbox.requeueDead() + " dead submissions");
                out.flush();
                return 0;
            }
            if (!outbox.requeue(id)) {
                err.println("Nothing requeued: no submission " + id + " waiting for delivery (unknown, or already delivered).");
                err.flush();
                return 1;
            }
            out.println("requeued 1 submission: " + id);
            out.flush();
            return 0;
        }
    }
}
