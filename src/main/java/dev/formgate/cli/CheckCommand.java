package dev.formgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.FormGate;
import dev.formgate.config.ConfigException;
import dev.formgate.config.EnvSettings;
import dev.formgate.config.Json;
import dev.formgate.config.Settings;
import dev.formgate.forms.FormRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code check}: loads the environment and every schema exactly as the server does and prints what they amount to;
 * exit 0 when it is valid, 2 (with every problem, its file and key) when it is not.
 */
@Command(name = "check", description = "Check the environment and every schema the way the server loads them, "
        + "print a report (secrets only as set / not set), exit 2 on any problem.")
public final class CheckCommand implements Callable<Integer> {
    static final int PROBLEMS = 2;

    @ParentCommand
    FormGate parent;
    @Spec
    CommandSpec spec;
    @Option(names = "--exercise", description = "Then start the server privately (loopback, throwaway data, no CMS), "
            + "send every form sample requests, and exit 2 if any answer is a server error. The container build's "
            + "AOT training run.")
    boolean exercise;

    @Override
    public Integer call() {
        Map<String, String> env = parent.env();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Settings settings = EnvSettings.load(env);
            FormRegistry forms = FormRegistry.load(settings, Json.mapper());
            ConfigReport report = new ConfigReport(env, settings, forms);
            out.println(report.text());
            out.println("OK: " + forms.all().size() + " forms; the configuration is valid.");
            out.flush();
            return exercise ? exercise(settings, out, err) : 0;
        } catch (ConfigException e) {
            err.println("FormGate configuration has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem:" : " problems:"));
            e.problems().forEach(p -> err.println("  " + p));
            err.println("Fix these and run check again; the server will not start until they are fixed.");
            err.flush();
            return PROBLEMS;
        }
    }

    /** Runs {@link Exercise}; 0 when every answer was below 500, 2 on a server error or a server that did not start. */
    static int exercise(Settings settings, PrintWriter out, PrintWriter err) {
        try {
            Exercise.Report report = Exercise.run(settings);
            out.println(report.summary());
            out.flush();
            report.problems().forEach(p -> err.println("  server error: " + p));
            err.flush();
            return report.ok() ? 0 : PROBLEMS;
        } catch (IOException | RuntimeException e) {
            err.println("exercise failed: the server did not start or did not answer: " + e);
            err.flush();
            return PROBLEMS;
        }
    }
}
