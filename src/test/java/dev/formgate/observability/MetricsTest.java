package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.delivery.DeliveryListener;
import dev.formgate.intake.SubmissionEvent;
import dev.formgate.intake.SubmissionOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The registry without HTTP: labels stay bounded, gauges read their sources. */
class MetricsTest {

    static SubmissionEvent event(String form, SubmissionOutcome outcome) {
        return new SubmissionEvent("r", Optional.ofNullable(form), outcome, Optional.empty(), 200, Duration.ZERO, "c");
    }

    @Test
    void a_form_that_is_not_registered_counts_under_unknown_and_adds_no_series() {
        try (Metrics metrics = new Metrics(List.of("contact"))) {
            var submissions = metrics.submissions();
            DeliveryListener deliveries = metrics.deliveries();
            int before = new Scrape(metrics.scrape()).samples().size();

            submissions.finished(event("attacker-chosen-name", SubmissionOutcome.NOT_FOUND));
            deliveries.recorded("removed-form", DeliveryListener.Result.RETRY);
            deliveries.called("removed-form", Duration.ofMillis(5));
            Scrape after = new Scrape(metrics.scrape());

            assertEquals(before, after.samples().size());
            assertEquals(1.0, after.value("formgate_submissions_total{form=\"_unknown\",outcome=\"not_found\"}"));
            assertEquals(1.0, after.value("formgate_delivery_attempts_total{form=\"_unknown\",result=\"retry\"}"));
            assertFalse(after.text().contains("attacker-chosen-name"));
            assertFalse(after.text().contains("removed-form"));
        }
    }

    @Test
    void breaker_gauge_reads_closed_half_open_and_open_as_0_1_2() {
        AtomicReference<String> state = new AtomicReference<>("closed");
        try (Metrics metrics = new Metrics(List.of("contact"))) {
            metrics.watchBreaker(state::get);

            double closed = new Scrape(metrics.scrape()).value("formgate_cms_breaker_state");
            state.set("half_open");
            double halfOpen = new Scrape(metrics.scrape()).value("formgate_cms_breaker_state");
            state.set("open");
            double open = new Scrape(metrics.scrape()).value("formgate_cms_breaker_state");

            assertEquals(List.of(0.0, 1.0, 2.0), List.of(closed, halfOpen, open));
        }
    }

    @Test
    void rate_limit_store_failures_are_read_from_the_store_even_after_a_collection() {
        AtomicLong failures = new AtomicLong();
        try (Metrics metrics = new Metrics(List.of("contact"))) {
            metrics.watchRateLimitStore(failures::get); // a method reference nobody else holds, as in App

            failures.set(7);
            System.gc(); // a weakly held source would be gone now (the registry would read 0)

            assertEquals(7.0, new Scrape(metrics.scrape()).value("formgate_ratelimit_store_failures_total"));
        }
    }

    @Test
    void every_outcome_of_every_form_is_there_from_the_start() {
        try (Metrics metrics = new Metrics(List.of("a", "b"))) {
            metrics.submissions();

            Scrape s = new Scrape(metrics.scrape());

            for (String form : List.of("a", "b", "_unknown")) {
                for (SubmissionOutcome o : SubmissionOutcome.values()) {
                    assertTrue(s.has("formgate_submissions_total{form=\"" + form + "\",outcome=\"" + o.label() + "\"}"));
                }
            }
        }
    }
}
