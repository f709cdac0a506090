package dev.formgate.guard;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A captcha service: the form field its widget fills, the secret's environment variable and its siteverify URL. */
public enum CaptchaProvider {
    TURNSTILE("cf-turnstile-response", "TURNSTILE_SECRET_KEY", "https://challenges.cloudflare.com/turnstile/v0/siteverify"),
    HCAPTCHA("h-captcha-response", "HCAPTCHA_SECRET_KEY", "https://api.hcaptcha.com/siteverify"),
    RECAPTCHA("g-recaptcha-response", "RECAPTCHA_SECRET_KEY", "https://www.google.com/recaptcha/api/siteverify");

    private final String field;
    private final String secretEnv;
    private final String defaultVerifyUrl;

    CaptchaProvider(String field, String secretEnv, String defaultVerifyUrl) {
        this.field = field;
        this.secretEnv = secretEnv;
        this.defaultVerifyUrl = defaultVerifyUrl;
    }

    /** The form field holding the token, e.g. "cf-turnstile-response". */
    public String field() {
        return field;
    }

    /** The environment variable holding the secret key, e.g. "TURNSTILE_SECRET_KEY". */
    public String secretEnv() {
        return secretEnv;
    }

    /** The provider's siteverify endpoint. */
    public String defaultVerifyUrl() {
        return defaultVerifyUrl;
    }

    /** Parses "turnstile", "hcaptcha" or "recaptcha" (any case); the exception lists the valid names. */
    public static CaptchaProvider parse(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (CaptchaProvider p : values()) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown captcha provider \"" + name + "\" (use "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ")");
    }
}
