package dev.formgate.cli;

import dev.formgate.config.Durations;
import dev.formgate.delivery.Outbox;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code submissions purge --delivered-before 7d}: deletes delivered submissions (personal data) older than that. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete delivered submissions delivered longer ago than the given age; queued and dead ones are kept.")
final class PurgeSubmissions implements Callable<Integer> {
    @ParentCommand
    SubmissionsCommand submissions;
    @Spec
    CommandSpec spec;
    @Option(names = "--delivered-before", required = true, paramLabel = "AGE", converter = DurationConverter.class,
            description = "an age such as 7d, 12h or 30m")
    Duration age;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant before = submissions.root().clock().instant().minus(age);
        try (Outbox outbox = submissions.open(spec.commandLine().getErr())) {
            if (outbox == null) {
                return 1;
            }
            int purged = outbox.purgeDelivered(before);
            out.println("purged " + purged + " delivered submissions (delivered before " + before + ")");
            out.flush();
            return 0;
        }
    }

    /** The settings' duration syntax ({@code 7d}); picocli turns its message into a usage error. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
