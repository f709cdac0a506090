package dev.formgate.config;

import dev.formgate.guard.RateSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Global settings read once from the environment; immutable, and checked by {@link EnvSettings}.
 *
 * <p>Secrets are held as {@link Secret} so this record can be printed without leaking them.
 */
public record Settings(
        String host,
        int port,
        Path schemasDir,
        Path dataDir,
        URI flotiqUrl,
        Map<String, Secret> flotiqKeys,
        Set<String> allowedOrigins,
        String trustedProxy,
        long maxBodyBytes,
        Duration deliveryDeadline,
        Duration cmsTimeout,
        List<RateSpec> perClient,
        List<RateSpec> perForm,
        long rateLimitMaxClients,
        Optional<Secret> redisUrl,
        boolean rateLimitFailClosed,
        Map<String, Secret> captchaSecrets,
        Optional<String> captchaVerifyUrl,
        double recaptchaMinScore,
        Duration retryMaxAge,
        Duration retention,
        Duration doubleSubmitWindow,
        Optional<Secret> metricsToken) {

    /** Idempotency keys are remembered this long (the contract says 24 h). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    public Settings {
        flotiqKeys = Map.copyOf(flotiqKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
        perClient = List.copyOf(perClient);
        perForm = List.copyOf(perForm);
        captchaSecrets = Map.copyOf(captchaSecrets);
    }

    /** The Flotiq key for a form: {@code FLOTIQ_API_KEY_<FORM>} first, then {@code FLOTIQ_API_KEY}. */
    public Optional<Secret> flotiqKeyFor(String form) {
        Secret own = flotiqKeys.get(EnvSettings.perFormKeyName(form));
        return Optional.ofNullable(own != null ? own : flotiqKeys.get(EnvSettings.FLOTIQ_API_KEY));
    }

    /** True when any Flotiq key is configured; without one FormGate runs in local mode. */
    public boolean anyFlotiqKey() {
        return !flotiqKeys.isEmpty();
    }
}
