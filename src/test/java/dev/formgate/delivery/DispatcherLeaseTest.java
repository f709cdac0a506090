package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.formgate.testing.FakeFlotiq.Failure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A row the request path is still delivering is leased: the worker does not send it a second time meanwhile. */
class DispatcherLeaseTest {
    static final Duration LEASE = Duration.ofSeconds(20);

    @RegisterExtension
    final Harness h = new Harness();

    private Dispatcher dispatcher() {
        return new Dispatcher(h.outbox, h.cms, h.breaker, h.retry, h.clock, Duration.ofMillis(100), h.executor, LEASE, DeliveryListener.NONE);
    }

    @Test
    void the_worker_leaves_a_row_alone_while_its_request_path_attempt_runs_past_the_deadline() {
        h.flotiq.failAlways(Failure.hang());
        Submission s = h.fixtures.contact("Ada");

        Receipt receipt = dispatcher().submit(s, List.of());
        int attempted = h.worker().runOnce();

        assertEquals(Outcome.QUEUED, receipt.outcome());
        assertEquals(0, attempted);
        assertEquals(1, h.flotiq.requests().size());
        assertEquals(h.clock.instant().plus(LEASE), h.row(s.id()).nextAttemptAt());
    }

    @Test
    void a_leased_row_whose_result_is_never_recorded_is_due_once_the_lease_ends() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Cms stuck = new Cms() { // an attempt that never reports back, as if the process died mid-request
            @Override
            public DeliveryResult deliver(Submission submission) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new DeliveryResult.Retry("interrupted", java.util.Optional.empty());
            }

            @Override
            public boolean configuredFor(String form) {
                return true;
            }
        };
        Submission s = h.fixtures.contact("Ada");
        new Dispatcher(h.outbox, stuck, h.breaker, h.retry, h.clock, Duration.ofMillis(50), h.executor, LEASE, DeliveryListener.NONE)
                .submit(s, List.of());
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

        dispatcher().submit(s, List.of());

        assertEquals(h.clock.instant(), h.row(s.id()).nextAttemptAt());
        assertEquals(0, h.flotiq.requests().size());
    }
}
