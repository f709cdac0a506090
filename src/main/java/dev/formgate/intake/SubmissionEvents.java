package dev.formgate.intake;

import java.util.List;

/**
 * Hears about every submission attempt once it is decided (metrics, the access log).
 *
 * <p>Called on the request thread before the answer is written; implementations must be quick and never throw.
 */
@FunctionalInterface
public interface SubmissionEvents {
    /** Does nothing (tests, tools). */
    SubmissionEvents NONE = e -> {
    };

    void finished(SubmissionEvent event);

    /** Tells each of {@code observers}, in order. */
    static SubmissionEvents all(SubmissionEvents... observers) {
        List<SubmissionEvents> list = List.of(observers);
        return e -> list.forEach(o -> o.finished(e));
    }
}
