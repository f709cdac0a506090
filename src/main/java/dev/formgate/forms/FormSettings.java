package dev.formgate.forms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The per-form {@code x-formgate} object of a schema file, checked with Hibernate Validator at startup.
 *
 * <p>Absent keys are {@code null} here and take their defaults in {@link FormDefinition}.
 * {@code returnToReferer} opts a form into sending a refused HTML post back to the page it came from (when that
 * page's origin is allowed); FormLoader refuses it together with {@code errorUrl}, which would always win.
 */
record FormSettings(
        @Pattern(regexp = "[A-Za-z0-9_]{1,100}", message = "must be a Flotiq content type name (letters, digits, _)")
        String contentType,
        @Pattern(regexp = "https?://\\S+", message = "must be an absolute http(s) URL")
        String successUrl,
        @Pattern(regexp = "https?://\\S+", message = "must be an absolute http(s) URL")
        String errorUrl,
        Boolean returnToReferer,
        @Size(max = 50, message = "lists at most 50 origins")
        List<@NotBlank(message = "must not be blank") String> allowedOrigins,
        Boolean requireOrigin,
        @Pattern(regexp = "[A-Za-z0-9_.\\-\\[\\]]{1,100}", message = "must be a form field name")
        String honeypot,
        @Pattern(regexp = "turnstile|hcaptcha|recaptcha", message = "must be one of turnstile, hcaptcha, recaptcha")
        String captcha,
        @Valid RateLimitSettings rateLimit,
        @Positive(message = "must be greater than 0") @Max(value = 10_485_760, message = "must be at most 10485760 (10 MiB)")
        Long maxBodyBytes) {

    /** {@code x-formgate.rateLimit}: lists of {@code N/<duration>} per client and per form. */
    record RateLimitSettings(
            @Size(max = 5, message = "lists at most 5 limits") List<String> perClient,
            @Size(max = 5, message = "lists at most 5 limits") List<String> perForm) {
    }
}
