package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.formgate.testing.Eventually;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.FakeFlotiq.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A row the request path is still delivering is leased: the worker does not send it a second time meanwhile. */
class DispatcherLeaseTest {
    static final Duration LEASE = Duration.ofSeconds(20);

    @RegisterExtension
    final Harness h = new Harness();

    private Dispatcher dispatcher(Cms cms, Duration deadline) {
        return new Dispatcher(h.outbox, cms, h.breaker, h.retry, h.clock, deadline, LEASE, DeliveryListener.NONE);
    }

    @Test
    void the_worker_leaves_a_row_alone_while_its_request_path_attempt_runs() throws Exception {
        h.flotiq.failAlways(Failure.hang());
        Submission s = h.fixtures.contact("Ada");
        try (FlotiqClient patient = new FlotiqClient(h.flotiq.baseUrl(),
                new FlotiqKeys(Map.of("FLOTIQ_API_KEY", FakeFlotiq.KEY)), Duration.ofSeconds(10), h.clock)) {
            Dispatcher dispatcher = dispatcher(patient, Duration.ofSeconds(10));
            CompletableFuture<Receipt> submitting = CompletableFuture.supplyAsync(() -> dispatcher.submit(s, List.of()));
            Eventually.until(() -> h.flotiq.requests().size() == 1); // stored, and the attempt waits for the CMS

            int attempted = h.worker().runOnce();
            StoredSubmission whileAttempting = h.row(s.id());
            h.flotiq.clearFailures(); // the fake hangs up: the attempt ends as a failure

            assertEquals(0, attempted);
            assertEquals(h.clock.instant().plus(LEASE), whileAttempting.nextAttemptAt());
            assertEquals(Outcome.QUEUED, submitting.get(10, TimeUnit.SECONDS).outcome());
            assertEquals(1, h.flotiq.requests().size());
        }
    }

    @Test
    void a_leased_row_whose_result_is_never_recorded_is_due_once_the_lease_ends() {
        Cms dying = new Cms() { // the attempt never reports back, as if the process died mid-request
            @Override
            public DeliveryResult deliver(Submission submission) {
                throw new ProcessDied();
            }

            @Override
            public DeliveryResult deliver(Submission submission, Duration timeout) {
                throw new ProcessDied();
            }

            @Override
            public boolean configuredFor(String form) {
                return true;
            }
        };
        Submission s = h.fixtures.contact("Ada");
        assertThrows(ProcessDied.class, () -> dispatcher(dying, Duration.ofMillis(50)).submit(s, List.of()));
        DeliveryWorker worker = h.worker();
        h.clock.advance(LEASE.minusMillis(1));
        int beforeLeaseEnds = worker.runOnce();
        h.clock.advance(Duration.ofMillis(1));

        int atLeaseEnd = worker.runOnce();

        assertEquals(0, beforeLeaseEnds);
        assertEquals(1, atLeaseEnd);
        assertEquals(State.DELIVERED, h.row(s.id()).state());
    }

    @Test
    void a_row_queued_because_the_breaker_is_open_is_due_at_once() {
        for (int i = 0; i < 5; i++) {
            h.breaker.onFailure();
        }
        Submission s = h.fixtures.contact("Ada");

        dispatcher(h.cms, Duration.ofMillis(100)).submit(s, List.of());

        assertEquals(h.clock.instant(), h.row(s.id()).nextAttemptAt());
        assertEquals(0, h.flotiq.requests().size());
    }

    /** An Error, so the attempt's own safety net (which turns exceptions into retries) lets it through. */
    private static final class ProcessDied extends Error {
    }
}
