package dev.formgate.intake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One submission attempt as observers see it: never the submitted values.
 *
 * @param form         the registered form's name, empty when the path named no known form
 * @param submissionId the stored submission's id (a duplicate's is the earlier one), empty when nothing was stored
 * @param clientKey the client's rate-limit key (an address); observers must not log it as it is
 */
public record SubmissionEvent(String requestId, Optional<String> form, SubmissionOutcome outcome,
                              Optional<String> submissionId, int status, Duration latency, String clientKey) {
    public SubmissionEvent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    @Override
    public String toString() {
        return "SubmissionEvent[" + requestId + ", " + form.orElse("-") + ", " + outcome.label() + ", " + status + "]";
    }
}
