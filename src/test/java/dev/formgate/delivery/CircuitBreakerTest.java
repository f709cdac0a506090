package dev.formgate.delivery;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final TestClock clock = new TestClock();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure();
        }
    }

    @Test
    void stays_closed_below_the_threshold() {
        fail(2);

        assertEquals("closed", breaker.state());
        assertTrue(breaker.allowRequest());
    }

    @Test
    void a_success_resets_the_consecutive_count() {
        fail(2);
        breaker.onSuccess();
        fail(2);

        assertEquals("closed", breaker.state());
    }

    @Test
    void opens_after_consecutive_failures_and_refuses_requests() {
        fail(3);

        assertEquals("open", breaker.state());
        assertFalse(breaker.allowRequest());
    }

    @Test
    void after_the_cool_down_lets_exactly_one_probe_through() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));

        boolean first = breaker.allowRequest();
        boolean second = breaker.allowRequest();

        assertTrue(first);
        assertFalse(second);
        assertEquals("half_open", breaker.state());
    }

    @Test
    void successful_probe_closes() {
        fail(3);
        clock.advance(Duration.ofSeconds(31));
        breaker.allowRequest();

        breaker.onSuccess();

        assertEquals("closed", breaker.state());
        assertTrue(breaker.allowRequest());
        assertTrue(breaker.allowRequest());
    }

    @Test
    void failed_probe_opens_again_for_a_full_cool_down() {
        fail(3);
        clock.advance(Duration.ofSeconds(31));
        breaker.allowRequest();

        breaker.onFailure();
        clock.advance(Duration.ofSeconds(29));

        assertEquals("open", breaker.state());
        assertFalse(breaker.allowRequest());
    }

    @Test
    void a_probe_that_never_reports_is_replaced_after_another_cool_down() {
        fail(3);
        clock.advance(Duration.ofSeconds(30));
        breaker.allowRequest();

        clock.advance(Duration.ofSeconds(30));

        assertTrue(breaker.allowRequest());
    }
}
