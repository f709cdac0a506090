package dev.formgate.delivery;

import dev.formgate.testing.TestClock;

import static dev.formgate.delivery.Fixtures.TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.FakeFlotiq.Failure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlotiqClientTest {
    private final TestClock clock = new TestClock(Instant.now());
    private final Fixtures fixtures = new Fixtures(clock);
    private FakeFlotiq flotiq;

    @BeforeEach
    void startFlotiq() {
        flotiq = new FakeFlotiq().contentType(TYPE, Set.of("name", "email", "message")).maxBodyBytes(2_000).start();
    }

    @AfterEach
    void stopFlotiq() {
        flotiq.close();
    }

    private FlotiqClient client(Map<String, String> env) {
        return new FlotiqClient(flotiq.baseUrl(), new FlotiqKeys(env), Duration.ofMillis(500), clock);
    }

    private FlotiqClient client() {
        return client(Map.of("FLOTIQ_API_KEY", FakeFlotiq.KEY));
    }

    @Test
    void creates_the_object_with_the_submission_id_and_key_header() throws Exception {
        Submission s = fixtures.contact("Ada");

        DeliveryResult result = client().deliver(s);

        assertInstanceOf(DeliveryResult.Delivered.class, result);
        var request = flotiq.requests().get(0);
        assertEquals("/api/v1/content/" + TYPE, request.path());
        assertEquals(Optional.of(FakeFlotiq.KEY), request.header("X-AUTH-TOKEN"));
        assertTrue(request.header("Content-Type").orElseThrow().startsWith("application/json"));
        var sent = new ObjectMapper().readTree(request.body());
        assertEquals(s.id(), sent.get("id").asText());
        assertEquals("Ada", sent.get("name").asText());
        assertEquals("Ada", flotiq.object(TYPE, s.id()).orElseThrow().get("name").asText());
    }

    @Test
    void the_body_is_the_stored_payload_with_the_submission_id_last_and_a_payload_id_replaced() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode own = Fixtures.payload("Ada", null, null).put("id", "chosen-by-the-visitor");
        ObjectNode nested = Fixtures.payload("Ada", null, null);
        nested.putObject("meta").put("id", "inner");
        Submission plain = fixtures.contact("Ada");
        Submission withId = new Submission("01a0-own", "contact-form", TYPE, own, clock.instant());
        Submission empty = new Submission("01a0-empty", "contact-form", TYPE, json.createObjectNode(), clock.instant());
        Submission withNested = new Submission("01a0-nested", "contact-form", TYPE, nested, clock.instant());

        // the fake checks the content type's required fields, so only the first is created; every body is recorded
        for (Submission s : java.util.List.of(plain, withId, empty, withNested)) {
            client().deliver(s);
        }

        var bodies = flotiq.requests().stream().map(r -> r.body()).toList();
        ObjectNode expected = object(json, plain.payloadJson()).put("id", plain.id());
        assertEquals(expected, json.readTree(bodies.get(0)));
        assertTrue(bodies.get(0).endsWith(",\"id\":\"" + plain.id() + "\"}"), bodies.get(0));
        assertEquals(json.readTree("{\"name\":\"Ada\",\"id\":\"01a0-own\"}"), json.readTree(bodies.get(1)));
        assertEquals("{\"id\":\"01a0-empty\"}", bodies.get(2));
        assertEquals("inner", json.readTree(bodies.get(3)).get("meta").get("id").asText());
        assertEquals("01a0-nested", json.readTree(bodies.get(3)).get("id").asText());
    }

    private static ObjectNode object(ObjectMapper json, String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    @Test
    void base_url_with_trailing_slash_posts_to_the_same_path() {
        var client = new FlotiqClient(java.net.URI.create(flotiq.baseUrl() + "/"),
                new FlotiqKeys(Map.of("FLOTIQ_API_KEY", FakeFlotiq.KEY)), Duration.ofSeconds(1));

        DeliveryResult result = client.deliver(fixtures.contact("Ada"));

        assertInstanceOf(DeliveryResult.Delivered.class, result);
        assertEquals("/api/v1/content/" + TYPE, flotiq.requests().get(0).path());
    }

    @Test
    void id_already_used_means_an_earlier_attempt_landed() {
        Submission s = fixtures.contact("Ada");
        client().deliver(s);

        DeliveryResult second = client().deliver(s);

        assertInstanceOf(DeliveryResult.Delivered.class, second);
        assertEquals(1, flotiq.objects(TYPE).size());
    }

    @Test
    void missing_field_is_schema_drift_named_by_field_without_values() {
        Submission s = fixtures.submission(Fixtures.FORM, TYPE, Fixtures.payload("Secret Name", null, "private text"));

        DeliveryResult result = client().deliver(s);

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("email: This value should not be blank."), giveUp.reason());
        assertFalse(giveUp.reason().contains("Secret Name"), giveUp.reason());
        assertFalse(giveUp.reason().contains("private text"), giveUp.reason());
        assertTrue(flotiq.objects(TYPE).isEmpty());
    }

    @Test
    void id_used_together_with_another_field_error_is_not_taken_as_delivered() {
        Submission s = fixtures.contact("Ada");
        client().deliver(s);
        Submission clash = new Submission(s.id(), s.form(), TYPE, Fixtures.payload("Ada", null, "again"), s.createdAt());

        DeliveryResult result = client().deliver(clash);

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("email"), giveUp.reason());
    }

    @Test
    void general_bad_request_gives_up_with_flotiqs_message() {
        flotiq.failNext(1, Failure.status(400));

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("fake failure"), giveUp.reason());
    }

    @Test
    void wrong_key_gives_up_naming_the_content_type_but_not_the_key() {
        DeliveryResult result = client(Map.of("FLOTIQ_API_KEY", "not-a-real-key-xyz")).deliver(fixtures.contact("Ada"));

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("lacks create rights on content type " + TYPE), giveUp.reason());
        assertTrue(giveUp.reason().contains("401"), giveUp.reason());
        assertFalse(giveUp.reason().contains("not-a-real-key-xyz"), giveUp.reason());
    }

    @Test
    void key_without_create_rights_gives_up() {
        DeliveryResult result = client(Map.of("FLOTIQ_API_KEY", FakeFlotiq.READ_ONLY_KEY)).deliver(fixtures.contact("Ada"));

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("403"), giveUp.reason());
        assertFalse(giveUp.reason().contains(FakeFlotiq.READ_ONLY_KEY), giveUp.reason());
    }

    @Test
    void unknown_content_type_gives_up() {
        Submission s = fixtures.submission("newsletter", "newsletter", Fixtures.payload("Ada", "a@example.com", "x"));

        DeliveryResult result = client().deliver(s);

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("content type newsletter not found"), giveUp.reason());
    }

    @Test
    void too_large_body_gives_up() {
        Submission s = fixtures.submission(Fixtures.FORM, TYPE, Fixtures.payload("Ada", "a@example.com", "x".repeat(5_000)));

        DeliveryResult result = client().deliver(s);

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("413"), giveUp.reason());
    }

    @Test
    void unsupported_media_type_gives_up() {
        flotiq.failNext(1, Failure.status(415));

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertTrue(giveUp.reason().contains("415"), giveUp.reason());
    }

    @Test
    void rate_limit_retries_after_the_seconds_flotiq_asks_for() {
        flotiq.failNext(1, Failure.rateLimited("17"));

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var retry = assertInstanceOf(DeliveryResult.Retry.class, result);
        assertEquals(Optional.of(Duration.ofSeconds(17)), retry.retryAfter());
        assertTrue(retry.reason().contains("429"), retry.reason());
    }

    @Test
    void rate_limit_retries_after_an_http_date() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        flotiq.failNext(1, Failure.rateLimited(date));

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var retry = assertInstanceOf(DeliveryResult.Retry.class, result);
        long seconds = retry.retryAfter().orElseThrow().toSeconds();
        assertTrue(seconds >= 119 && seconds <= 120, "retry after " + seconds + "s");
    }

    @Test
    void server_error_retries() {
        flotiq.failNext(1, Failure.unavailable());

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var retry = assertInstanceOf(DeliveryResult.Retry.class, result);
        assertTrue(retry.reason().contains("503"), retry.reason());
        assertTrue(flotiq.objects(TYPE).isEmpty());
    }

    @Test
    void hanging_flotiq_retries_after_the_request_timeout() {
        flotiq.failNext(1, Failure.hang());

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var retry = assertInstanceOf(DeliveryResult.Retry.class, result);
        assertTrue(retry.reason().contains("did not answer"), retry.reason());
    }

    @Test
    void the_wait_is_the_shorter_of_the_given_timeout_and_the_request_timeout() {
        flotiq.failNext(2, Failure.hang());

        DeliveryResult shorter = client().deliver(fixtures.contact("Ada"), Duration.ofMillis(100));
        DeliveryResult longer = client().deliver(fixtures.contact("Bob"), Duration.ofSeconds(30));

        var shortRetry = assertInstanceOf(DeliveryResult.Retry.class, shorter);
        var longRetry = assertInstanceOf(DeliveryResult.Retry.class, longer);
        assertTrue(shortRetry.reason().contains("did not answer within PT0.1S"), shortRetry.reason());
        assertTrue(longRetry.reason().contains("did not answer within PT0.5S"), longRetry.reason());
    }

    @Test
    void a_key_with_a_line_break_gives_up_without_sending_it_or_naming_it() {
        DeliveryResult result = client(Map.of("FLOTIQ_API_KEY", "abc\r\nX-Injected: 1")).deliver(fixtures.contact("Ada"));

        var giveUp = assertInstanceOf(DeliveryResult.GiveUp.class, result);
        assertFalse(giveUp.reason().contains("abc"), giveUp.reason());
        assertTrue(flotiq.requests().isEmpty());
    }

    @Test
    void dropped_connection_retries() {
        flotiq.failNext(1, Failure.drop());

        DeliveryResult result = client().deliver(fixtures.contact("Ada"));

        var retry = assertInstanceOf(DeliveryResult.Retry.class, result);
        assertTrue(retry.reason().contains("connection failed"), retry.reason());
    }

    @Test
    void refused_connection_retries() {
        var closed = new FakeFlotiq().start();
        var target = closed.baseUrl();
        closed.close();
        var client = new FlotiqClient(target, new FlotiqKeys(Map.of("FLOTIQ_API_KEY", FakeFlotiq.KEY)), Duration.ofSeconds(1));

        DeliveryResult result = client.deliver(fixtures.contact("Ada"));

        assertInstanceOf(DeliveryResult.Retry.class, result);
    }

    @Test
    void form_without_key_is_not_configured() {
        FlotiqClient client = client(Map.of("FLOTIQ_API_KEY_NEWSLETTER", FakeFlotiq.KEY));

        assertFalse(client.configuredFor(Fixtures.FORM));
        assertTrue(client.configuredFor("newsletter"));
        assertInstanceOf(DeliveryResult.GiveUp.class, client.deliver(fixtures.contact("Ada")));
        assertTrue(flotiq.requests().isEmpty());
    }

    @Test
    void per_form_key_is_sent_for_that_form() {
        FlotiqClient client = client(Map.of("FLOTIQ_API_KEY", "global-wrong", "FLOTIQ_API_KEY_CONTACT_FORM", FakeFlotiq.KEY));

        DeliveryResult result = client.deliver(fixtures.contact("Ada"));

        assertInstanceOf(DeliveryResult.Delivered.class, result);
    }
}
