package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateHeadersTest {
    private final RateLimits limits = new RateLimits(RateSpec.parseList("5/1m,30/1h"), RateSpec.parseList("100/1d"));

    @Test
    void policy_lists_every_limit_with_quota_and_window() {
        String policy = RateHeaders.policy(limits);

        assertEquals("\"perclient-1m\";q=5;w=60, \"perclient-1h\";q=30;w=3600, \"perform-1d\";q=100;w=86400", policy);
    }

    @Test
    void allowed_decision_reports_remaining_and_reset_of_the_tightest_policy() {
        var allowed = new RateDecision.Allowed(3, RateSpec.parse("5/1m"), RateScope.PER_CLIENT, Duration.ofSeconds(42));

        Map<String, String> headers = RateHeaders.of(allowed, limits);

        assertEquals(Map.of(
                "RateLimit-Policy", RateHeaders.policy(limits),
                "RateLimit", "\"perclient-1m\";r=3;t=42"), headers);
    }

    @Test
    void limited_decision_adds_retry_after_in_whole_seconds() {
        var limited = new RateDecision.Limited(Duration.ofSeconds(50), RateSpec.parse("100/1d"), RateScope.PER_FORM);

        Map<String, String> headers = new LinkedHashMap<>(RateHeaders.of(limited, limits));

        assertEquals("\"perform-1d\";r=0;t=50", headers.get("RateLimit"));
        assertEquals("50", headers.get("Retry-After"));
    }

    @Test
    void retry_after_is_rounded_up_and_at_least_one_second() {
        var fraction = new RateDecision.Limited(Duration.ofMillis(1200), RateSpec.parse("5/1m"));
        var zero = new RateDecision.Limited(Duration.ZERO, RateSpec.parse("5/1m"));

        assertEquals("2", RateHeaders.retryAfter(fraction));
        assertEquals("1", RateHeaders.retryAfter(zero));
    }

    @Test
    void a_form_without_limits_gets_no_headers() {
        var allowed = new RateDecision.Allowed(Long.MAX_VALUE, null);

        assertEquals(Map.of(), RateHeaders.of(allowed, RateLimits.none()));
    }

    @Test
    void a_policy_of_per_client_limits_names_each_window() {
        assertEquals("\"perclient-1m\";q=5;w=60", RateHeaders.policy(new RateLimits(RateSpec.parseList("5/1m"), List.of())));
    }
}
