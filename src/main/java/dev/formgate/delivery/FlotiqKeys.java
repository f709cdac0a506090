package dev.formgate.delivery;

import dev.formgate.config.Secret;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flotiq API keys from the environment: {@code FLOTIQ_API_KEY} for every form, or per form
 * {@code FLOTIQ_API_KEY_<FORM>} (form name upper-cased, {@code -} becomes {@code _}), which wins.
 *
 * <p>Blank values count as absent. {@link #toString()} names which keys exist, never their values.
 */
public final class FlotiqKeys {
    static final String GLOBAL = "FLOTIQ_API_KEY";
    private static final String PER_FORM_PREFIX = GLOBAL + "_";

    private final Optional<Secret> global;
    private final Map<String, Secret> perForm = new TreeMap<>();

    public FlotiqKeys(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        this.global = secret(env.get(GLOBAL));
        env.forEach((name, value) -> {
            if (name.startsWith(PER_FORM_PREFIX) && name.length() > PER_FORM_PREFIX.length()) {
                secret(value).ifPresent(s -> perForm.put(name.substring(PER_FORM_PREFIX.length()), s));
            }
        });
    }

    /** The key for a form: its own key if set, else the global key. */
    public Optional<Secret> forForm(String form) {
        Secret own = perForm.get(envSuffix(form));
        return own != null ? Optional.of(own) : global;
    }

    /** Whether any key is configured (otherwise FormGate runs in local mode). */
    public boolean any() {
        return global.isPresent() || !perForm.isEmpty();
    }

    /** The environment variable that holds a form's own key, for messages. */
    public static String variableFor(String form) {
        return PER_FORM_PREFIX + envSuffix(form);
    }

    private static String envSuffix(String form) {
        return form.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Optional<Secret> secret(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Secret(value.trim()));
    }

    @Override
    public String toString() {
        return "FlotiqKeys[global=" + global.isPresent() + ", forms=" + perForm.keySet() + "]";
    }
}
