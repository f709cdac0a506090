package dev.formgate.intake;

import dev.formgate.config.Json;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.FieldError;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the problem document every refusal carries, as {@link Answers#problem} writes it: a 404 (no field errors) and
 * the contact form's 422 (three fields). Two threads, as the two carriers of a flood.
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx96m", "-XX:+UseSerialGC"})
public class ProblemDocumentBench {
    private final Answers answers = new Answers(Json.mapper(), new OriginPolicy(Set.of()));
    private final GateException notFound = GateException.of(404, "unknown-form", "Unknown form",
            "There is no content type named \"nope\" on this FormGate.");
    private final GateException invalid = GateException.invalid(List.of(
            new FieldError("name", "minLength", "must be at least 2 characters"),
            new FieldError("email", "format", "must be a valid email address"),
            new FieldError("message", "minLength", "must be at least 10 characters")));

    @Benchmark
    public byte[] notFound() {
        return answers.problem(notFound);
    }

    @Benchmark
    public byte[] invalid() {
        return answers.problem(invalid);
    }
}
