package dev.formgate.intake;

import java.util.Locale;

/**
 * How one submission attempt ended, a fixed set so metrics labels stay bounded.
 */
public enum SubmissionOutcome {
    DELIVERED, QUEUED, HELD, DUPLICATE, SPAM,
    INVALID, RATE_LIMITED, FORBIDDEN, CAPTCHA, TOO_LARGE, MALFORMED, UNSUPPORTED, NOT_FOUND,
    UNAVAILABLE, ERROR;

    /** The lower-case name used in metrics and logs, e.g. {@code rate_limited}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the attempt was turned away (a 4xx, or a spam post dropped): nothing was stored. A flood of these is
     * what the access log keeps bounded.
     */
    public boolean refusal() {
        return switch (this) {
            case SPAM, INVALID, RATE_LIMITED, FORBIDDEN, CAPTCHA, TOO_LARGE, MALFORMED, UNSUPPORTED, NOT_FOUND -> true;
            case DELIVERED, QUEUED, HELD, DUPLICATE, UNAVAILABLE, ERROR -> false;
        };
    }

    /** The outcome of a refusal, from its problem slug. */
    static SubmissionOutcome of(GateException e) {
        return switch (e.problem()) {
            case "invalid" -> INVALID;
            case "rate-limited" -> RATE_LIMITED;
            case "forbidden-origin", "origin-required" -> FORBIDDEN;
            case "captcha" -> CAPTCHA;
            case "too-large", "too-many-fields" -> TOO_LARGE;
            case "unsupported-media-type", "file-upload" -> UNSUPPORTED;
            case "unknown-form", "not-found" -> NOT_FOUND;
            case "store-unavailable" -> UNAVAILABLE;
            case "internal" -> ERROR;
            default -> e.status() >= 500 ? ERROR : MALFORMED;
        };
    }
}
