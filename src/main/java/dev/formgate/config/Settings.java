package dev.formgate.config;

import dev.formgate.delivery.FlotiqKeys;
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
        FlotiqKeys flotiqKeys,
        Set<String> allowedOrigins,
        String trustedProxy,
        long maxBodyBytes,
        Duration idleTimeout,
        Duration deliveryDeadline,
        Duration cmsTimeout,
        List<RateSpec> perClient,
        List<RateSpec> perForm,
        long rateLimitMaxClients,
        Optional<Secret> redisUrl,
        String redisNamespace,
        boolean rateLimitFailClosed,
        Map<String, Secret> captchaSecrets,
        Optional<String> captchaVerifyUrl,
        double recaptchaMinScore,
        Duration retryMaxAge,
        Duration retention,
        Duration doubleSubmitWindow,
        Optional<Secret> metricsToken,
        int refusalLogLimit) {

    /** Idempotency keys are remembered this long (the contract says 24 h). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    public Settings {
        allowedOrigins = Set.copyOf(allowedOrigins);
        perClient = List.copyOf(perClient);
        perForm = List.copyOf(perForm);
        captchaSecrets = Map.copyOf(captchaSecrets);
    }

    /**
     * These settings for a private rehearsal ({@code check --exercise}): loopback on a free port, the given data
     * directory and CMS, in-memory rate limits, no double-submit window (each sample goes the whole way);
     * schemas, limits, origins and captcha secrets as configured.
     */
    public Settings rehearsal(Path data, URI cms, FlotiqKeys keys) {
        return new Settings("127.0.0.1", 0, schemasDir, data, cms, keys, allowedOrigins, trustedProxy, maxBodyBytes,
                idleTimeout, deliveryDeadline, cmsTimeout, perClient, perForm, rateLimitMaxClients, Optional.empty(),
                redisNamespace, rateLimitFailClosed, captchaSecrets, captchaVerifyUrl, recaptchaMinScore, retryMaxAge,
                retention, Duration.ZERO, metricsToken, refusalLogLimit);
    }

}
