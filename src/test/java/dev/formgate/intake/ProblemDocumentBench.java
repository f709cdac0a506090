package dev.formgate.intake;

import dev.formgate.ShortBench;
import dev.formgate.config.Json;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.FieldError;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * JMH: the problem document every refusal carries, as {@link Answers#problem} writes it: a 404 (no field errors) and
 * the contact form's 422 (three fields). Two threads, as the two carriers of a flood.
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
@Threads(2)
public class ProblemDocumentBench extends ShortBench {
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
