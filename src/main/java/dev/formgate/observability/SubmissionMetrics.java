package dev.formgate.observability;

import dev.formgate.intake.SubmissionEvent;
import dev.formgate.intake.SubmissionEvents;
import dev.formgate.intake.SubmissionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code formgate_submissions_total{form, outcome}}: every counter is made up front, one per registered form
 * (plus {@value FormLabels#UNKNOWN}) and outcome, so traffic can never add a series.
 */
final class SubmissionMetrics implements SubmissionEvents {
    static final String NAME = "formgate.submissions";

    private final FormLabels forms;
    private final Map<String, Map<SubmissionOutcome, Counter>> counters = new HashMap<>();

    SubmissionMetrics(MeterRegistry registry, FormLabels forms) {
        this.forms = forms;
        for (String form : forms.known()) {
            counters.put(form, counters(registry, form));
        }
        counters.put(FormLabels.UNKNOWN, counters(registry, FormLabels.UNKNOWN));
    }

    private static Map<SubmissionOutcome, Counter> counters(MeterRegistry registry, String form) {
        Map<SubmissionOutcome, Counter> byOutcome = new EnumMap<>(SubmissionOutcome.class);
        for (SubmissionOutcome o : SubmissionOutcome.values()) {
            byOutcome.put(o, Counter.builder(NAME)
                    .description("Submission attempts by form and outcome")
                    .tag("form", form).tag("outcome", o.label())
                    .register(registry));
        }
        return byOutcome;
    }

    @Override
    public void finished(SubmissionEvent event) {
        counters.get(forms.of(event.form())).get(event.outcome()).increment();
    }
}
