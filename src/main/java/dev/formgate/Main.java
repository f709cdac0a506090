package dev.formgate;

import dev.formgate.observability.LogOutput;
import java.io.PrintWriter;

/**
 * The jar's entry point. With no arguments it serves; otherwise it runs {@link FormGate}'s command line.
 *
 * <p>A class of its own, without the command line's types in its method signatures: the launcher looks up
 * {@code main} by reflection, which loads every type the main class's public methods name. On {@link FormGate}
 * that loaded picocli's {@code CommandLine} (a large class the AOT cache cannot hold) before the server could
 * start, ~20 ms of every cold start.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Hibernate Validator logs through JBoss Logging: route it to slf4j so every line has one format
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.setProperty("org.slf4j.simpleLogger.log.org.hibernate.validator", "warn");
        int code;
        if (args.length == 0) {
            // plain `java -jar formgate.jar` serves without building the command line: ~70 ms of a cold start
            LogOutput logs = LogOutput.install();
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                code = new FormGate().serve(logs::drain);
            } catch (RuntimeException e) {
                code = FormGate.explain(e, err);
            }
            logs.drain();
        } else {
            code = FormGate.commandLine(new FormGate()).execute(args);
        }
        if (code != 0) System.exit(code);
    }
}
