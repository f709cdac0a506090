package dev.formgate.config;

import dev.formgate.delivery.FlotiqKeys;
import dev.formgate.guard.ClientIdentity;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.guard.RateSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link Settings} from environment variables, reporting every bad variable at once.
 */
public final class EnvSettings {
    public static final List<String> CAPTCHA_SECRET_VARS =
            List.of("TURNSTILE_SECRET_KEY", "HCAPTCHA_SECRET_KEY", "RECAPTCHA_SECRET_KEY");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private EnvSettings(Map<String, String> env) {
        this.env = env;
    }

    /** Loads and checks every setting; throws {@link ConfigException} listing each bad variable. */
    public static Settings load(Map<String, String> env) {
        return new EnvSettings(env).read();
    }

    private Settings read() {
        Settings s = new Settings(
                text("FORMGATE_HOST", "0.0.0.0"),
                get("PORT", "8080", EnvSettings::port),
                Path.of(text("FORMGATE_SCHEMAS", "./schemas")),
                Path.of(text("FORMGATE_DATA", "./data")),
                get("FLOTIQ_API_URL", "https://api.flotiq.com", EnvSettings::httpUrl),
                new FlotiqKeys(env),
                get("FORMGATE_ALLOWED_ORIGINS", "", EnvSettings::origins),
                get("FORMGATE_TRUSTED_PROXY", "none", v -> ClientIdentity.parse(v).mode()),
                get("FORMGATE_MAX_BODY_BYTES", "65536", v -> positive(v, 10L * 1024 * 1024)),
                get("FORMGATE_IDLE_TIMEOUT", "15s", EnvSettings::positiveDuration),
                get("FORMGATE_DELIVERY_DEADLINE", "3s", EnvSettings::positiveDuration),
                get("FORMGATE_CMS_TIMEOUT", "10s", EnvSettings::positiveDuration),
                get("FORMGATE_RATE_LIMIT_PER_CLIENT", "5/1m,30/1h", RateSpec::parseList),
                get("FORMGATE_RATE_LIMIT_PER_FORM", "120/1m", RateSpec::parseList),
                get("FORMGATE_RATE_LIMIT_MAX_CLIENTS", "100000", v -> positive(v, 100_000_000L)),
                secret("REDIS_URL"),
                get("FORMGATE_REDIS_NAMESPACE", "default", EnvSettings::namespace),
                get("FORMGATE_RATE_LIMIT_FAIL_CLOSED", "false", EnvSettings::bool),
                captchaSecrets(),
                Optional.ofNullable(blankToNull(env.get("FORMGATE_CAPTCHA_VERIFY_URL"))),
                get("FORMGATE_RECAPTCHA_MIN_SCORE", "0.5", EnvSettings::score),
                get("FORMGATE_RETRY_MAX_AGE", "3d", EnvSettings::positiveDuration),
                get("FORMGATE_RETENTION", "7d", EnvSettings::positiveDuration),
                get("FORMGATE_DOUBLE_SUBMIT_WINDOW", "10s", Durations::parse),
                secret("FORMGATE_METRICS_TOKEN"),
                get("FORMGATE_LOG_REFUSALS_PER_SECOND", "50", v -> (int) inRange(v, 0, 1_000_000)));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return s;
    }

    private <T> T get(String name, String fallback, Function<String, T> parse) {
        String raw = blankToNull(env.get(name));
        try {
            return parse.apply(raw == null ? fallback : raw.trim());
        } catch (RuntimeException e) {
            problems.add("environment " + name + ": " + e.getMessage());
            // The default stands in so the remaining variables are still checked (a null would break unboxing).
            return parse.apply(fallback);
        }
    }

    private String text(String name, String fallback) {
        String raw = blankToNull(env.get(name));
        return raw == null ? fallback : raw.trim();
    }

    private Optional<Secret> secret(String name) {
        String raw = blankToNull(env.get(name));
        return raw == null ? Optional.empty() : Optional.of(new Secret(raw.trim()));
    }

    private Map<String, Secret> captchaSecrets() {
        Map<String, Secret> secrets = new HashMap<>();
        for (String name : CAPTCHA_SECRET_VARS) {
            secret(name).ifPresent(s -> secrets.put(name, s));
        }
        return secrets;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private static int port(String v) {
        int p = (int) positive(v, 65_535);
        return p;
    }

    private static long positive(String v, long max) {
        return inRange(v, 1, max);
    }

    private static long inRange(String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is out of range; use " + min + ".." + max);
        }
        return n;
    }

    private static Duration positiveDuration(String v) {
        Duration d = Durations.parse(v);
        if (d.isZero()) {
            throw new IllegalArgumentException("\"" + v + "\" must be greater than zero");
        }
        return d;
    }

    private static String namespace(String v) {
        if (!v.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("\"" + v + "\" must be 1-64 letters, digits, '_', '.' or '-'");
        }
        return v;
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("\"" + v + "\" is not true or false");
        };
    }

    private static double score(String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a number between 0.0 and 1.0");
        }
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException(v + " must be between 0.0 and 1.0");
        }
        return d;
    }

    private static URI httpUrl(String v) {
        URI uri;
        try {
            uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + v + "\" must be an http(s) URL such as https://api.flotiq.com");
        }
        return uri;
    }

    private static Set<String> origins(String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(OriginPolicy.normalize(part.trim()));
            }
        }
        return out;
    }
}
