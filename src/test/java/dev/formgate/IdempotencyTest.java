package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static dev.formgate.MainPathTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.formgate.testing.Eventually;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.GateFixture;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestClock;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repeats map to one submission: by Idempotency-Key for 24 h, by payload and client within the double-submit window. */
class IdempotencyTest {
    static final String FORM_BODY = "name=Ada+Lovelace&email=ada%40example.com&message=Hello+from+the+engine+room";

    @RegisterExtension
    final GateFixture fx = new GateFixture();
    TestClock clock = new TestClock();

    private long creates() {
        return fx.flotiq().requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void repeats_with_one_idempotency_key_header_return_the_first_answer_and_create_one_object() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.json("/forms/contact-form", VALID, "Idempotency-Key", "order-42");
                HttpResponse<String> second = http.json("/forms/contact-form", VALID, "Idempotency-Key", "order-42");
                clock.advance(Duration.ofHours(23));
                HttpResponse<String> third = http.json("/forms/contact-form", VALID, "Idempotency-Key", "order-42");

                assertEquals(201, first.statusCode(), first.body());
                assertEquals(201, second.statusCode(), second.body());
                assertEquals(201, third.statusCode(), third.body());
                assertEquals(json(first), json(second));
                assertEquals(json(first), json(third));
                assertEquals(1, fx.flotiq().objects("contact_form").size());
                assertEquals(1, creates());
            });
        }
    }

    @Test
    void a_repeat_with_the_same_key_while_the_cms_is_down_answers_queued_with_the_same_id() {
        fx.flotiq().failAlways(FakeFlotiq.Failure.unavailable());
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.json("/forms/contact-form", VALID, "Idempotency-Key", "k-503");
                HttpResponse<String> second = http.json("/forms/contact-form", VALID, "Idempotency-Key", "k-503");

                assertEquals(202, first.statusCode(), first.body());
                assertEquals(202, second.statusCode(), second.body());
                assertEquals(json(first), json(second));
                assertEquals(1, creates(), "the repeat does not try the CMS again");
                assertEquals(1, app.stats().queued());
            });
        }
    }

    @Test
    void hidden_idempotency_field_of_a_no_js_form_maps_repeats_to_one_submission() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());
                String body = FORM_BODY + "&_idempotency_key=form-render-7f3a";

                HttpResponse<String> first = http.form("/forms/contact-form", body, "Accept", "application/json");
                HttpResponse<String> second = http.form("/forms/contact-form", body, "Accept", "application/json");
                HttpResponse<String> otherKey = http.form("/forms/contact-form", FORM_BODY + "&_idempotency_key=other",
                        "Accept", "application/json");

                assertEquals(201, first.statusCode(), first.body());
                assertEquals(json(first), json(second));
                assertNotEquals(json(first).get("id"), json(otherKey).get("id"));
                assertEquals(2, fx.flotiq().objects("contact_form").size());
                assertEquals(2, creates());
                String id = json(first).get("id").asText();
                assertEquals(false, fx.flotiq().object("contact_form", id).orElseThrow().has("_idempotency_key"),
                        "the control field never reaches the CMS");
            });
        }
    }

    @Test
    void an_idempotency_key_is_forgotten_after_24_hours() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.json("/forms/contact-form", VALID, "Idempotency-Key", "old");
                clock.advance(Duration.ofHours(24).plusSeconds(1));
                HttpResponse<String> later = http.json("/forms/contact-form", VALID, "Idempotency-Key", "old");

                assertNotEquals(json(first).get("id"), json(later).get("id"));
                assertEquals(2, fx.flotiq().objects("contact_form").size());
            });
        }
    }

    @Test
    void a_double_submit_without_a_key_is_stored_once_within_the_window_and_again_after_it() {
        try (App app = fx.gate().set("FORMGATE_DOUBLE_SUBMIT_WINDOW", "10s").app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");
                clock.advance(Duration.ofSeconds(9));
                HttpResponse<String> doubleClick = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");
                clock.advance(Duration.ofSeconds(2));
                HttpResponse<String> afterWindow = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");

                assertEquals(201, first.statusCode(), first.body());
                assertEquals(json(first), json(doubleClick));
                assertEquals(201, afterWindow.statusCode(), afterWindow.body());
                assertNotEquals(json(first).get("id"), json(afterWindow).get("id"));
                assertEquals(2, fx.flotiq().objects("contact_form").size());
                // the delivered mark is committed just after the 201 (the request path does not wait for it)
                Eventually.until(() -> app.stats().delivered() == 2);
            });
        }
    }

    @Test
    void a_different_payload_within_the_window_is_a_new_submission() {
        try (App app = fx.gate().set("FORMGATE_DOUBLE_SUBMIT_WINDOW", "10s").app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");
                HttpResponse<String> edited = http.form("/forms/contact-form", FORM_BODY + "+again",
                        "Accept", "application/json");

                assertNotEquals(json(first).get("id"), json(edited).get("id"));
                assertEquals(2, fx.flotiq().objects("contact_form").size());
            });
        }
    }

    @Test
    void with_the_window_off_every_post_is_stored() {
        try (App app = fx.gate().app(clock)) {
            JavalinTest.test(app.javalin(), (server, client) -> {
                Http http = new Http(server.port());

                HttpResponse<String> first = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");
                HttpResponse<String> second = http.form("/forms/contact-form", FORM_BODY, "Accept", "application/json");

                assertNotEquals(json(first).get("id"), json(second).get("id"));
                assertEquals(2, fx.flotiq().objects("contact_form").size());
            });
        }
    }
}
