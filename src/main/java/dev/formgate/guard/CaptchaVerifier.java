package dev.formgate.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a captcha token with the provider's siteverify endpoint, failing closed when the provider cannot answer.
 *
 * <p>The request is a form-urlencoded POST of {@code secret}, {@code response} and (when known) {@code remoteip}.
 * The token passes when the answer is 2xx JSON with {@code "success": true} and, for reCAPTCHA v3 answers
 * that carry a {@code score}, the score is at least the configured minimum. Neither the secret nor the
 * token is ever logged.
 */
public final class CaptchaVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaVerifier.class);

    private final Supplier<HttpClient> http;
    private final String verifyUrlOverride;
    private final Duration timeout;
    private final double recaptchaMinScore;
    private final ObjectMapper json = Json.mapper();

    /**
     * @param verifyUrlOverride FORMGATE_CAPTCHA_VERIFY_URL (tests) or null for each provider's own URL
     * @param timeout           the whole exchange's deadline; past it the captcha counts as not verified
     * @param recaptchaMinScore reCAPTCHA v3 threshold, e.g. 0.5
     */
    public CaptchaVerifier(HttpClient http, String verifyUrlOverride, Duration timeout, double recaptchaMinScore) {
        this(constant(Objects.requireNonNull(http, "http")), verifyUrlOverride, timeout, recaptchaMinScore);
    }

    /** As the other constructor, with the client asked for at the first check (it may still be starting). */
    public CaptchaVerifier(Supplier<HttpClient> http, String verifyUrlOverride, Duration timeout, double recaptchaMinScore) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("captcha timeout must be > 0");
        }
        if (!(recaptchaMinScore >= 0 && recaptchaMinScore <= 1)) {
            throw new IllegalArgumentException("recaptcha minimum score must be between 0 and 1");
        }
        if (verifyUrlOverride != null) {
            URI.create(verifyUrlOverride); // fail at startup on a malformed override
        }
        this.verifyUrlOverride = verifyUrlOverride == null || verifyUrlOverride.isBlank() ? null : verifyUrlOverride;
        this.recaptchaMinScore = recaptchaMinScore;
    }

    private static Supplier<HttpClient> constant(HttpClient http) {
        return () -> http;
    }

    /** Missing/blank token fails without a network call; timeouts, IO errors, non-2xx and bad JSON fail closed. */
    public CaptchaResult verify(CaptchaProvider provider, Secret secret, String token, String remoteIp) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(secret, "secret");
        if (token == null || token.isBlank()) {
            return new CaptchaResult.Failed(CaptchaResult.TOKEN_MISSING);
        }
        try {
            HttpResponse<String> response = send(request(provider, secret, token, remoteIp));
            return judge(provider, response);
        } catch (TimeoutException e) {
            return notVerified(provider, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException | IOException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return notVerified(provider, cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notVerified(provider, "interrupted");
        }
    }

    private HttpRequest request(CaptchaProvider provider, Secret secret, String token, String remoteIp) {
        StringBuilder body = new StringBuilder()
                .append("secret=").append(encode(secret.value()))
                .append("&response=").append(encode(token));
        if (remoteIp != null && !remoteIp.isBlank()) {
            body.append("&remoteip=").append(encode(remoteIp));
        }
        return HttpRequest.newBuilder(URI.create(verifyUrlOverride != null ? verifyUrlOverride : provider.defaultVerifyUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<HttpResponse<String>> future = http.get().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout covers the headers only; this deadline also covers a body that trickles.
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            throw e;
        }
    }

    private CaptchaResult judge(CaptchaProvider provider, HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            return notVerified(provider, "HTTP " + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        if (answer == null || !answer.isObject() || !answer.path("success").isBoolean()) {
            return notVerified(provider, "answer without a boolean success member");
        }
        if (!answer.get("success").booleanValue()) {
            LOG.debug("captcha rejected by {}: {}", provider, answer.path("error-codes"));
            return new CaptchaResult.Failed(CaptchaResult.VERIFICATION_FAILED);
        }
        if (provider == CaptchaProvider.RECAPTCHA && answer.has("score")) {
            JsonNode score = answer.get("score");
            if (!score.isNumber() || score.doubleValue() < recaptchaMinScore) {
                LOG.debug("recaptcha score {} below {}", score, recaptchaMinScore);
                return new CaptchaResult.Failed(CaptchaResult.VERIFICATION_FAILED);
            }
        }
        return new CaptchaResult.Passed();
    }

    private static CaptchaResult notVerified(CaptchaProvider provider, String why) {
        LOG.warn("captcha could not be verified with {}: {}", provider, why);
        return new CaptchaResult.Failed(CaptchaResult.NOT_VERIFIED);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
