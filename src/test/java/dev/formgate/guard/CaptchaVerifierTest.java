package dev.formgate.guard;

import dev.formgate.testing.FakeSiteverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.formgate.config.Secret;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaptchaVerifierTest {
    private static final Secret SECRET = new Secret("s3cr3t&key=1");
    private static final CaptchaResult PASSED = new CaptchaResult.Passed();
    private static final CaptchaResult FAILED = new CaptchaResult.Failed("captcha verification failed");
    private static final CaptchaResult NOT_VERIFIED = new CaptchaResult.Failed("captcha could not be verified");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private FakeSiteverify server;
    private CaptchaVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        server = new FakeSiteverify();
        verifier = new CaptchaVerifier(http, server.url(), Duration.ofMillis(300), 0.5);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(CaptchaProvider.class)
    void passes_when_the_provider_says_success(CaptchaProvider provider) {
        server.answer(200, "{\"success\":true,\"hostname\":\"example.com\"}");

        CaptchaResult result = verifier.verify(provider, SECRET, "tok-123", "198.51.100.1");

        assertEquals(PASSED, result);
    }

    @ParameterizedTest
    @EnumSource(CaptchaProvider.class)
    void sends_secret_response_and_remoteip_form_encoded(CaptchaProvider provider) {
        verifier.verify(provider, SECRET, "tok+/=&?", "2001:db8::1");

        assertEquals(1, server.requests().size());
        var seen = server.requests().get(0);
        assertEquals("application/x-www-form-urlencoded", seen.contentType());
        assertEquals(Map.of("secret", "s3cr3t&key=1", "response", "tok+/=&?", "remoteip", "2001:db8::1"), seen.form());
    }

    @Test
    void leaves_out_remoteip_when_unknown() {
        verifier.verify(CaptchaProvider.TURNSTILE, SECRET, "tok", null);

        assertEquals(Map.of("secret", "s3cr3t&key=1", "response", "tok"), server.requests().get(0).form());
    }

    @ParameterizedTest
    @EnumSource(CaptchaProvider.class)
    void fails_when_the_provider_says_no(CaptchaProvider provider) {
        server.answer(200, "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");

        CaptchaResult result = verifier.verify(provider, SECRET, "bad", "198.51.100.1");

        assertEquals(FAILED, result);
    }

    @Test
    void recaptcha_v3_score_below_the_minimum_fails() {
        server.answer(200, "{\"success\":true,\"score\":0.3,\"action\":\"submit\"}");

        CaptchaResult result = verifier.verify(CaptchaProvider.RECAPTCHA, SECRET, "tok", "198.51.100.1");

        assertEquals(FAILED, result);
    }

    @Test
    void recaptcha_v3_score_at_the_minimum_passes() {
        server.answer(200, "{\"success\":true,\"score\":0.5}");

        CaptchaResult result = verifier.verify(CaptchaProvider.RECAPTCHA, SECRET, "tok", "198.51.100.1");

        assertEquals(PASSED, result);
    }

    @ParameterizedTest
    @EnumSource(CaptchaProvider.class)
    void a_provider_that_does_not_answer_in_time_fails_closed(CaptchaProvider provider) {
        server.hang();

        CaptchaResult result = verifier.verify(provider, SECRET, "tok", "198.51.100.1");

        assertEquals(NOT_VERIFIED, result);
    }

    @ParameterizedTest
    @EnumSource(CaptchaProvider.class)
    void missing_or_blank_token_fails_without_asking_the_provider(CaptchaProvider provider) {
        CaptchaResult missing = verifier.verify(provider, SECRET, null, "198.51.100.1");
        CaptchaResult blank = verifier.verify(provider, SECRET, "  ", "198.51.100.1");

        assertEquals(new CaptchaResult.Failed("captcha token missing"), missing);
        assertEquals(missing, blank);
        assertEquals(0, server.requests().size());
    }

    @Test
    void bad_json_fails_closed() {
        server.answer(200, "<html>oops</html>");

        assertEquals(NOT_VERIFIED, verifier.verify(CaptchaProvider.HCAPTCHA, SECRET, "tok", null));
    }

    @Test
    void json_without_a_success_flag_fails_closed() {
        server.answer(200, "{\"ok\":true}");

        assertEquals(NOT_VERIFIED, verifier.verify(CaptchaProvider.HCAPTCHA, SECRET, "tok", null));
    }

    @Test
    void server_error_fails_closed() {
        server.answer(500, "{\"success\":true}");

        assertEquals(NOT_VERIFIED, verifier.verify(CaptchaProvider.TURNSTILE, SECRET, "tok", null));
    }

    @Test
    void unreachable_provider_fails_closed() {
        CaptchaVerifier nowhere = new CaptchaVerifier(http, "http://127.0.0.1:1/siteverify", Duration.ofMillis(300), 0.5);

        assertEquals(NOT_VERIFIED, nowhere.verify(CaptchaProvider.TURNSTILE, SECRET, "tok", null));
    }

    @Test
    void providers_know_their_field_secret_variable_and_url() {
        assertEquals("cf-turnstile-response", CaptchaProvider.parse("Turnstile").field());
        assertEquals("HCAPTCHA_SECRET_KEY", CaptchaProvider.parse("hcaptcha").secretEnv());
        assertEquals("https://www.google.com/recaptcha/api/siteverify", CaptchaProvider.parse("recaptcha").defaultVerifyUrl());
        var e = assertThrows(IllegalArgumentException.class, () -> CaptchaProvider.parse("friendlycaptcha"));
        assertEquals("unknown captcha provider \"friendlycaptcha\" (use turnstile, hcaptcha, recaptcha)", e.getMessage());
    }
}
