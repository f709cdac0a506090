package dev.formgate.guard;

import dev.formgate.testing.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final TestClock clock = new TestClock(java.time.Instant.parse("2025-06-01T12:00:00Z"));
    private final LocalBucketStore store = new LocalBucketStore(10_000, Duration.ofMinutes(5), clock);

    private RateLimiter limiter(String perClient, String perForm) {
        RateLimits limits = new RateLimits(RateSpec.parseList(perClient), RateSpec.parseList(perForm));
        return new RateLimiter(store, form -> limits);
    }

    @Test
    void a_client_gets_exactly_its_allowance_then_is_limited_until_the_window_ends() {
        RateLimiter limiter = limiter("5/1m", "none");
        clock.advance(Duration.ofSeconds(10)); // bucket created now; refill comes 60 s later

        for (int i = 4; i >= 0; i--) {
            var allowed = assertInstanceOf(RateDecision.Allowed.class, limiter.check("contact", "198.51.100.1"));
            assertEquals(i, allowed.remaining());
        }
        clock.advance(Duration.ofMillis(10_500));
        RateDecision sixth = limiter.check("contact", "198.51.100.1");

        var limited = assertInstanceOf(RateDecision.Limited.class, sixth);
        assertEquals(Duration.ofSeconds(50), limited.retryAfter()); // 49.5 s left, rounded up
        assertEquals(RateSpec.parse("5/1m"), limited.policy());
        assertEquals(RateScope.PER_CLIENT, limited.scope());
    }

    @Test
    void the_allowance_comes_back_when_the_clock_reaches_the_end_of_the_window() {
        RateLimiter limiter = limiter("2/1m", "none");
        limiter.check("contact", "a");
        limiter.check("contact", "a");
        assertInstanceOf(RateDecision.Limited.class, limiter.check("contact", "a"));

        clock.advance(Duration.ofSeconds(59));
        RateDecision stillLimited = limiter.check("contact", "a");
        clock.advance(Duration.ofSeconds(1));
        RateDecision afterWindow = limiter.check("contact", "a");

        var limited = assertInstanceOf(RateDecision.Limited.class, stillLimited);
        assertEquals(Duration.ofSeconds(1), limited.retryAfter());
        assertEquals(1, assertInstanceOf(RateDecision.Allowed.class, afterWindow).remaining());
    }

    @Test
    void clients_and_forms_have_separate_buckets() {
        RateLimiter limiter = limiter("1/1m", "none");
        limiter.check("contact", "a");

        RateDecision otherClient = limiter.check("contact", "b");
        RateDecision otherForm = limiter.check("newsletter", "a");
        RateDecision sameAgain = limiter.check("contact", "a");

        assertInstanceOf(RateDecision.Allowed.class, otherClient);
        assertInstanceOf(RateDecision.Allowed.class, otherForm);
        assertInstanceOf(RateDecision.Limited.class, sameAgain);
    }

    @Test
    void the_per_form_limit_protects_the_form_across_many_clients() {
        RateLimiter limiter = limiter("5/1m", "3/1h");
        for (String client : List.of("a", "b", "c")) {
            assertInstanceOf(RateDecision.Allowed.class, limiter.check("contact", client));
        }

        RateDecision fourthClient = limiter.check("contact", "d");

        var limited = assertInstanceOf(RateDecision.Limited.class, fourthClient);
        assertEquals(RateScope.PER_FORM, limited.scope());
        assertEquals(RateSpec.parse("3/1h"), limited.policy());
        assertEquals(Duration.ofHours(1), limited.retryAfter());
    }

    @Test
    void a_client_over_its_own_limit_does_not_use_up_the_form_allowance() {
        RateLimiter limiter = limiter("1/1m", "3/1h");
        limiter.check("contact", "flooder");
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(RateDecision.Limited.class, limiter.check("contact", "flooder"));
        }

        RateDecision b = limiter.check("contact", "b");
        RateDecision c = limiter.check("contact", "c");

        assertInstanceOf(RateDecision.Allowed.class, b);
        assertEquals(0, assertInstanceOf(RateDecision.Allowed.class, c).remaining());
    }

    @Test
    void a_client_refused_by_the_form_limit_keeps_its_own_allowance() {
        RateLimiter limiter = limiter("1/1d", "1/1h");
        limiter.check("contact", "first");
        var refused = assertInstanceOf(RateDecision.Limited.class, limiter.check("contact", "second"));

        clock.advance(Duration.ofHours(1));
        RateDecision later = limiter.check("contact", "second");

        assertEquals(RateScope.PER_FORM, refused.scope());
        var allowed = assertInstanceOf(RateDecision.Allowed.class, later);
        assertEquals(0, allowed.remaining());
    }

    @Test
    void the_tightest_of_several_limits_is_reported() {
        RateLimiter limiter = limiter("5/1m,6/1h", "none");
        for (int i = 0; i < 5; i++) {
            limiter.check("contact", "a");
        }
        clock.advance(Duration.ofMinutes(1));

        var allowed = assertInstanceOf(RateDecision.Allowed.class, limiter.check("contact", "a"));
        var limited = assertInstanceOf(RateDecision.Limited.class, limiter.check("contact", "a"));

        assertEquals(0, allowed.remaining());
        assertEquals(RateSpec.parse("6/1h"), allowed.tightest());
        assertEquals(RateSpec.parse("6/1h"), limited.policy());
        assertEquals(Duration.ofMinutes(59), limited.retryAfter());
    }

    @Test
    void the_reset_reported_for_the_tightest_window_is_within_that_window() {
        RateLimiter limiter = limiter("5/1m,30/1h", "none");

        var allowed = assertInstanceOf(RateDecision.Allowed.class, limiter.check("contact", "a"));

        assertEquals(RateSpec.parse("5/1m"), allowed.tightest());
        assertEquals(Duration.ofMinutes(1), allowed.resetAfter());
    }

    @Test
    void a_form_without_limits_is_always_allowed() {
        RateLimiter limiter = new RateLimiter(store, Map.of("contact", RateLimits.none())::get);

        var allowed = assertInstanceOf(RateDecision.Allowed.class, limiter.check("contact", "a"));

        assertEquals(Long.MAX_VALUE, allowed.remaining());
        assertEquals(0, store.size());
    }
}
