package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionOutcomeTest {

    @ParameterizedTest
    @CsvSource({
            "422, invalid, invalid",
            "429, rate-limited, rate_limited",
            "403, forbidden-origin, forbidden",
            "403, origin-required, forbidden",
            "403, captcha, captcha",
            "413, too-large, too_large",
            "413, too-many-fields, too_large",
            "415, unsupported-media-type, unsupported",
            "415, file-upload, unsupported",
            "400, malformed-body, malformed",
            "400, too-deep, malformed",
            "400, not-an-object, malformed",
            "400, bad-idempotency-key, malformed",
            "404, unknown-form, not_found",
            "503, store-unavailable, unavailable",
            "500, internal, error",
    })
    void each_refusal_maps_to_one_bounded_outcome(int status, String problem, String label) {
        GateException e = problem.equals("invalid") ? GateException.invalid(List.of())
                : GateException.of(status, problem, "t", "d");

        assertEquals(label, SubmissionOutcome.of(e).label());
        assertEquals(status < 500, SubmissionOutcome.of(e).refusal(), "a 4xx is a refusal, a 5xx is ours");
    }

    @ParameterizedTest
    @CsvSource({"DELIVERED, false", "QUEUED, false", "HELD, false", "DUPLICATE, false", "SPAM, true",
            "UNAVAILABLE, false", "ERROR, false"})
    void stored_submissions_and_failures_on_our_side_are_not_refusals(SubmissionOutcome outcome, boolean refusal) {
        assertEquals(refusal, outcome.refusal());
    }
}
