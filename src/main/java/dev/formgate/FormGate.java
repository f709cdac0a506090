package dev.formgate;

import dev.formgate.cli.CheckCommand;
import dev.formgate.cli.ConfigReport;
import dev.formgate.cli.SchemaCommand;
import dev.formgate.cli.SubmissionsCommand;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Settings;
import dev.formgate.delivery.OutboxUnavailableException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line's root ({@link Main} is the jar's entry point): with no command it serves; {@code submissions},
 * {@code check} and {@code schema} are operator commands.
 */
@Command(name = "formgate", mixinStandardHelpOptions = true, version = "FormGate 0.1.0",
        description = "Self-hosted form-submission gateway for headless CMSs. With no command, runs the server.",
        subcommands = {SubmissionsCommand.class, CheckCommand.class, SchemaCommand.class})
public final class FormGate implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FormGate.class);

    private final Map<String, String> env;
    private final Clock clock;

    /** Reads the process environment and the system clock. */
    public FormGate() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** Reads the given environment instead (tests). */
    public FormGate(Map<String, String> env) {
        this(env, Clock.systemUTC());
    }

    /** With an explicit environment and clock, so commands can be run in tests against a temp data dir. */
    public FormGate(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The command line with FormGate's error handling: a bad setting exits 2, an unusable outbox 1, each with a message. */
    public static CommandLine commandLine(FormGate root) {
        return new CommandLine(root).setExecutionExceptionHandler((e, cmd, parsed) -> explain(e, cmd.getErr()));
    }

    /** The environment settings are read from; also used by the operator commands. */
    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Why FormGate cannot start, for a person: a bad setting exits 2, an unusable outbox 1, each with a message;
     * anything else is rethrown.
     */
    static int explain(Exception e, PrintWriter err) throws RuntimeException {
        if (e instanceof ConfigException c) {
            err.println("FormGate cannot start:");
            c.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return 2;
        }
        if (e instanceof OutboxUnavailableException o) {
            err.println("The outbox cannot be used: " + o.getMessage());
            err.flush();
            return 1;
        }
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }

    @Override
    public Integer call() {
        return serve(() -> { });
    }

    /** Serves until the process is stopped; {@code afterStop} runs once the server has closed (the log's last lines). */
    Integer serve(Runnable afterStop) {
        App app = serve();
        // SIGTERM (fly deploy, docker stop): stop accepting, finish in-flight requests, commit and close the outbox
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            afterStop.run();
        }, "shutdown"));
        return 0;
    }

    /** Loads the configuration, logs the same summary {@code check} prints, and starts serving. */
    App serve() {
        Settings settings = EnvSettings.load(env);
        App app = new App(settings, clock);
        ConfigReport report = new ConfigReport(env, settings, app.forms());
        LOG.info("{}{}", System.lineSeparator(), String.join(System.lineSeparator(), report.summary()));
        report.warnings().forEach(LOG::warn);
        try {
            return app.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }
}
