package dev.formgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.App;
import dev.formgate.testing.Eventually;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} through the real App: series that move with traffic, bounded labels, the bearer token. */
class MetricsEndpointTest {
    static final String VALID = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"message\":\"Hello from the engine room\"}";
    static final String TOKEN = "s3cret-metrics-token-123";

    @RegisterExtension
    final GateFixture fx = new GateFixture().set("FORMGATE_RATE_LIMIT_PER_CLIENT", "3/1m");

    @Test
    void submission_counters_move_with_each_outcome_and_unknown_forms_add_no_series() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                Scrape before = new Scrape(http.get("/metrics").body());

                assertEquals(201, http.json("/forms/contact-form", VALID).statusCode());
                assertEquals(422, http.json("/forms/contact-form", "{\"name\":\"A\"}").statusCode());
                assertEquals(415, http.send("POST", "/forms/contact-form", "text/plain", "hi").statusCode());
                assertEquals(429, http.json("/forms/contact-form", VALID).statusCode());
                assertEquals(404, http.json("/forms/no-such-form-xyz", VALID).statusCode());
                assertEquals(404, http.json("/api/v1/content/no_such_type", VALID).statusCode());
                Scrape after = new Scrape(http.get("/metrics").body());

                assertEquals(0.0, before.value("formgate_submissions_total{form=\"contact-form\",outcome=\"delivered\"}"));
                assertEquals(1.0, after.value("formgate_submissions_total{form=\"contact-form\",outcome=\"delivered\"}"));
                assertEquals(1.0, after.value("formgate_submissions_total{form=\"contact-form\",outcome=\"invalid\"}"));
                assertEquals(1.0, after.value("formgate_submissions_total{form=\"contact-form\",outcome=\"unsupported\"}"));
                assertEquals(1.0, after.value("formgate_submissions_total{form=\"contact-form\",outcome=\"rate_limited\"}"));
                assertEquals(2.0, after.value("formgate_submissions_total{form=\"_unknown\",outcome=\"not_found\"}"));
                assertEquals(0.0, after.value("formgate_submissions_total{form=\"newsletter-signup\",outcome=\"delivered\"}"));
                assertFalse(after.text().contains("no-such-form-xyz"));
                assertFalse(after.text().contains("no_such_type"));
                assertEquals(before.samples().keySet().stream().filter(k -> k.startsWith("formgate_submissions")).count(),
                        after.samples().keySet().stream().filter(k -> k.startsWith("formgate_submissions")).count());
            });
        }
    }

    @Test
    void delivery_outbox_breaker_http_and_jvm_series_are_exposed_under_the_formgate_prefix() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                assertEquals(201, http.json("/forms/contact-form", VALID).statusCode());
                http.get("/no/such/page/123");
                http.get("/no/such/page/456");
                http.json("/no/such/page/789", "{}");
                // the delivered mark is committed just after the 201 (the request path does not wait for it)
                Eventually.until(() -> app.stats().delivered() == 1);

                HttpResponse<String> r = http.get("/metrics");
                Scrape s = new Scrape(r.body());

                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
                assertEquals(1.0, s.value("formgate_delivery_attempts_total{form=\"contact-form\",result=\"delivered\"}"));
                assertEquals(0.0, s.value("formgate_delivery_attempts_total{form=\"contact-form\",result=\"retry\"}"));
                assertEquals(1.0, s.value("formgate_delivery_duration_seconds_count{form=\"contact-form\"}"));
                assertTrue(s.value("formgate_delivery_duration_seconds_sum{form=\"contact-form\"}") > 0);
                assertEquals(0.0, s.value("formgate_outbox_submissions{state=\"queued\"}"));
                assertEquals(0.0, s.value("formgate_outbox_submissions{state=\"dead\"}"));
                assertEquals(0.0, s.value("formgate_outbox_oldest_queued_age_seconds"));
                assertEquals(0.0, s.value("formgate_cms_breaker_state"));
                assertEquals(0.0, s.value("formgate_ratelimit_store_failures_total"));
                assertEquals(1.0, s.value("formgate_http_server_requests_seconds_count{method=\"POST\",route=\"/forms/{form}\",status=\"201\"}"));
                assertEquals(2.0, s.value("formgate_http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"));
                assertEquals(1.0, s.value("formgate_http_server_requests_seconds_count{method=\"POST\",route=\"unmatched\",status=\"404\"}"));
                assertFalse(s.text().contains("/no/such/page"));
                assertTrue(s.samples().keySet().stream().anyMatch(k -> k.startsWith("formgate_jvm_memory_used_bytes{area=\"heap\"")));
                assertTrue(s.has("formgate_jvm_gc_max_data_size_bytes"));
                assertTrue(s.samples().keySet().stream().anyMatch(k -> k.startsWith("formgate_jvm_threads_live_threads")));
                assertTrue(s.samples().keySet().stream().anyMatch(k -> k.startsWith("formgate_jvm_classes_loaded_classes")));
                assertTrue(s.samples().keySet().stream().allMatch(k -> k.startsWith("formgate_")),
                        "every series starts with formgate_");
            });
        }
    }

    @Test
    void queued_submissions_show_in_the_outbox_gauges_and_dead_ones_in_the_attempts() {
        try (App app = fx.gate().set("FLOTIQ_API_KEY", FakeFlotiq.READ_ONLY_KEY).app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                assertEquals(202, http.json("/forms/contact-form", VALID).statusCode());

                Scrape s = new Scrape(http.get("/metrics").body());

                assertEquals(1.0, s.value("formgate_submissions_total{form=\"contact-form\",outcome=\"queued\"}"));
                assertEquals(1.0, s.value("formgate_delivery_attempts_total{form=\"contact-form\",result=\"dead\"}"));
                assertEquals(1.0, s.value("formgate_outbox_submissions{state=\"dead\"}"));
            });
        }
    }

    @Test
    void a_metrics_token_is_required_when_set_and_a_wrong_one_is_refused() {
        try (App app = fx.gate().set("FORMGATE_METRICS_TOKEN", TOKEN).app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> none = http.get("/metrics");
                HttpResponse<String> wrong = http.get("/metrics", "Authorization", "Bearer " + TOKEN + "x");
                HttpResponse<String> basic = http.get("/metrics", "Authorization", "Basic " + TOKEN);
                HttpResponse<String> right = http.get("/metrics", "Authorization", "Bearer " + TOKEN);

                assertEquals(401, none.statusCode());
                assertEquals(401, wrong.statusCode());
                assertEquals(401, basic.statusCode());
                assertFalse(none.body().contains("formgate_"));
                assertFalse(wrong.body().contains(TOKEN));
                assertEquals(200, right.statusCode());
                assertTrue(right.body().contains("formgate_submissions_total"));
                assertFalse(right.body().contains(TOKEN));
            });
        }
    }

    @Test
    void without_a_token_metrics_are_open() {
        try (App app = fx.gate().app()) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                HttpResponse<String> r = new Http(server.port()).get("/metrics");

                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("formgate_submissions_total"));
            });
        }
    }
}
