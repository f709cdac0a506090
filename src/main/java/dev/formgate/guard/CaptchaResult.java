package dev.formgate.guard;

import java.util.Objects;

/** The outcome of a captcha check; a failure's reason is safe to show the client. */
public sealed interface CaptchaResult permits CaptchaResult.Passed, CaptchaResult.Failed {
    String TOKEN_MISSING = "captcha token missing";
    String VERIFICATION_FAILED = "captcha verification failed";
    String NOT_VERIFIED = "captcha could not be verified";

    /** The provider confirmed the token. */
    record Passed() implements CaptchaResult {
    }

    /**
     * The token is missing or rejected, or the provider could not be asked.
     *
     * @param reason one of {@link #TOKEN_MISSING}, {@link #VERIFICATION_FAILED}, {@link #NOT_VERIFIED}
     */
    record Failed(String reason) implements CaptchaResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
