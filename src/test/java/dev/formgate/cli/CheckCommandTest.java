package dev.formgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.FormGate;
import dev.formgate.testing.TestGate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code formgate check}: the report for a good configuration, every problem named for a bad one, no secret shown. */
class CheckCommandTest {
    static final String FLOTIQ_KEY = "flotiq-key-VALUE-0001";
    static final String FORM_KEY = "form-key-VALUE-0002";
    static final String TURNSTILE = "turnstile-secret-VALUE-0003";
    static final String METRICS = "metrics-token-VALUE-0004";
    static final String REDIS_PASSWORD = "redis-pass-VALUE-0005";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run check(Map<String, String> env) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new FormGate(env));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int exit = cmd.execute("check");

        return new Run(exit, out.toString(), err.toString());
    }

    TestGate gate() {
        return new TestGate(tmp);
    }

    static final String CAPTCHA_FORM = """
            {"type": "object", "properties": {"email": {"type": "string", "format": "email"}},
             "x-formgate": {"contentType": "callback", "captcha": "turnstile", "allowedOrigins": ["https://own.example"],
                            "successUrl": "https://own.example/thanks", "requireOrigin": true, "maxBodyBytes": 2048,
                            "rateLimit": {"perClient": ["2/1m"], "perForm": ["50/1h"]}}}
            """;

    @Test
    void a_good_configuration_is_reported_form_by_form_with_secrets_only_as_set_or_not_set() {
        Map<String, String> env = new HashMap<>(gate().schema("call-back.schema.json", CAPTCHA_FORM).env());
        env.put("FLOTIQ_API_KEY", FLOTIQ_KEY);
        env.put("FLOTIQ_API_KEY_CALL_BACK", FORM_KEY);
        env.put("TURNSTILE_SECRET_KEY", TURNSTILE);
        env.put("FORMGATE_METRICS_TOKEN", METRICS);
        env.put("REDIS_URL", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:6379");
        env.put("FORMGATE_ALLOWED_ORIGINS", "https://site.example");
        env.put("FORMGATE_TRUSTED_PROXY", "fly");

        Run r = check(env);

        assertEquals(0, r.exit(), r.all());
        String out = r.out();
        for (String form : List.of("call-back", "contact-form", "newsletter-signup")) {
            assertTrue(out.contains("form " + form + " ("), out);
        }
        assertTrue(out.contains("callback (POST /forms/call-back, POST /api/v1/content/callback); CMS key FLOTIQ_API_KEY_CALL_BACK set"), out);
        assertTrue(out.contains("contact_form (POST /forms/contact-form, POST /api/v1/content/contact_form); CMS key FLOTIQ_API_KEY set"), out);
        assertTrue(out.contains("https://site.example (global), https://own.example (own); Origin header required"), out);
        assertTrue(out.contains("per client 2/1m; per form 50/1h; max body 2048 bytes"), out);
        assertTrue(out.contains("captcha turnstile (TURNSTILE_SECRET_KEY set)"), out);
        assertTrue(out.contains("success https://own.example/thanks; error built-in page"), out);
        assertTrue(out.contains("fly: Fly-Client-IP"), out);
        assertTrue(out.contains(tmp.resolve("schemas").toAbsolutePath().toString()), out);
        assertTrue(out.contains("shared in Redis"), out);
        assertTrue(out.contains("secrets set    FLOTIQ_API_KEY, FLOTIQ_API_KEY_CALL_BACK, TURNSTILE_SECRET_KEY, REDIS_URL, FORMGATE_METRICS_TOKEN"), out);
        assertTrue(out.contains("not set        FLOTIQ_API_KEY_CONTACT_FORM, FLOTIQ_API_KEY_NEWSLETTER_SIGNUP, HCAPTCHA_SECRET_KEY, RECAPTCHA_SECRET_KEY"), out);
        assertTrue(out.contains("OK: 3 forms"), out);
        assertFalse(out.contains("local mode"), out);
        for (String secret : List.of(FLOTIQ_KEY, FORM_KEY, TURNSTILE, METRICS, REDIS_PASSWORD)) {
            assertFalse(r.all().contains(secret), "secret value in output: " + secret);
        }
    }

    @Test
    void local_mode_and_misnamed_form_keys_are_warned_about_but_pass() {
        Map<String, String> env = new HashMap<>(gate().env());
        env.put("FLOTIQ_API_KEY_CONTACT_FROM", FORM_KEY);

        Run r = check(env);

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("warning: FLOTIQ_API_KEY_CONTACT_FROM is set but no form is named contact-from"), r.out());
        assertTrue(r.out().contains("CMS key not set (held)"), r.out());
        assertTrue(r.out().contains("warning: form contact-form allows no origin"), r.out());
        assertFalse(r.all().contains(FORM_KEY));
    }

    @Test
    void local_mode_is_warned_about() {
        Run r = check(gate().env());

        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("warning: local mode: no FLOTIQ_API_KEY is set"), r.out());
    }

    @Test
    void a_schema_that_is_not_json_fails_naming_the_file_and_the_line() {
        Map<String, String> env = gate().schema("broken.schema.json", "{\"type\": \"object\",\n").env();

        Run r = check(env);

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("broken.schema.json: not valid JSON at line 2"), r.err());
        assertFalse(r.out().contains("OK:"));
    }

    @Test
    void every_bad_schema_is_reported_at_once_with_its_file_key_and_fix() {
        String unknownKey = "{\"type\": \"object\", \"properties\": {}, \"x-formgate\": {\"colour\": \"red\"}}";
        String captcha = "{\"type\": \"object\", \"properties\": {}, \"x-formgate\": {\"captcha\": \"hcaptcha\"}}";
        String badLimit = "{\"type\": \"object\", \"properties\": {}, \"x-formgate\": {\"rateLimit\": {\"perClient\": [\"5/0m\"]}}}";
        Map<String, String> env = new HashMap<>(gate().schema("colours.schema.json", unknownKey)
                .schema("robots.schema.json", captcha).schema("limits.schema.json", badLimit).env());
        env.put("TURNSTILE_SECRET_KEY", TURNSTILE);

        Run r = check(env);

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("has 3 problems"), r.err());
        assertTrue(r.err().contains("colours.schema.json: x-formgate.colour: unknown setting"), r.err());
        assertTrue(r.err().contains("robots.schema.json: x-formgate.captcha \"hcaptcha\": set the environment variable HCAPTCHA_SECRET_KEY"), r.err());
        assertTrue(r.err().contains("limits.schema.json: x-formgate.rateLimit.perClient \"5/0m\""), r.err());
        assertFalse(r.all().contains(TURNSTILE));
    }

    @Test
    void a_bad_environment_variable_fails_naming_it() {
        Map<String, String> env = new HashMap<>(gate().env());
        env.put("PORT", "eighty");
        env.put("FORMGATE_TRUSTED_PROXY", "xff:0");
        env.put("FLOTIQ_API_KEY", FLOTIQ_KEY);

        Run r = check(env);

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("environment PORT: \"eighty\" is not a whole number"), r.err());
        assertTrue(r.err().contains("environment FORMGATE_TRUSTED_PROXY"), r.err());
        assertFalse(r.all().contains(FLOTIQ_KEY));
    }
}
