package dev.formgate;

import dev.formgate.cli.SubmissionsCommand;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Settings;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point: with no command it serves; {@code submissions}, {@code check} and {@code schema} are operator commands.
 */
@Command(name = "formgate", mixinStandardHelpOptions = true, version = "FormGate 0.1.0",
        description = "Self-hosted form-submission gateway for headless CMSs. With no command, runs the server.",
        subcommands = {SubmissionsCommand.class})
public final class FormGate implements Callable<Integer> {

    public static void main(String[] args) {
        int code = new CommandLine(new FormGate())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException c) {
                        cmd.getErr().println("FormGate cannot start:");
                        c.problems().forEach(p -> cmd.getErr().println("  " + p));
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        if (code != 0) System.exit(code);
    }

    @Override
    public Integer call() {
        Settings settings = EnvSettings.load(System.getenv());
        App app = new App(settings, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        return 0;
    }
}
