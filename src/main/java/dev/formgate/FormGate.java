package dev.formgate;

import dev.formgate.cli.SubmissionsCommand;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Settings;
import java.io.PrintWriter;
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
        int code;
        if (args.length == 0) {
            // plain `java -jar formgate.jar` serves without building the command line: ~70 ms of a cold start
            try {
                code = new FormGate().call();
            } catch (ConfigException c) {
                code = explain(c, new PrintWriter(System.err, true));
            }
        } else {
            code = new CommandLine(new FormGate())
                    .setExecutionExceptionHandler((e, cmd, parsed) -> {
                        if (e instanceof ConfigException c) return explain(c, cmd.getErr());
                        throw e;
                    })
                    .execute(args);
        }
        if (code != 0) System.exit(code);
    }

    private static int explain(ConfigException c, PrintWriter err) {
        err.println("FormGate cannot start:");
        c.problems().forEach(p -> err.println("  " + p));
        err.flush();
        return 2;
    }

    @Override
    public Integer call() {
        Settings settings = EnvSettings.load(System.getenv());
        App app = new App(settings, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        return 0;
    }
}
