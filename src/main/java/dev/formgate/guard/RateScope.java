package dev.formgate.guard;

/** Which bucket a rate decision comes from; its {@link #label()} prefixes policy names in headers. */
public enum RateScope {
    PER_CLIENT("perclient"),
    PER_FORM("perform");

    private final String label;

    RateScope(String label) {
        this.label = label;
    }

    /** "perclient" or "perform". */
    public String label() {
        return label;
    }

    /** The policy name used in RateLimit headers, e.g. "perclient-1m". */
    public String policyName(RateSpec spec) {
        return label + "-" + spec.window();
    }
}
