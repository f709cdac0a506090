package dev.formgate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.config.Settings;
import dev.formgate.delivery.CircuitBreaker;
import dev.formgate.delivery.DeliveryWorker;
import dev.formgate.delivery.DeliveryListener;
import dev.formgate.delivery.Dispatcher;
import dev.formgate.delivery.FlotiqClient;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.OutboxStats;
import dev.formgate.delivery.RetryPolicy;
import dev.formgate.delivery.SubmissionIds;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.guard.BucketStore;
import dev.formgate.guard.CaptchaVerifier;
import dev.formgate.guard.ClientIdentity;
import dev.formgate.guard.LocalBucketStore;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.guard.RateLimiter;
import dev.formgate.guard.RedisBucketStore;
import dev.formgate.intake.Answers;
import dev.formgate.intake.Cors;
import dev.formgate.intake.Routes;
import dev.formgate.intake.SpamChecks;
import dev.formgate.intake.SubmitHandler;
import dev.formgate.intake.SubmissionEvents;
import dev.formgate.intake.Throttle;
import dev.formgate.observability.AccessLog;
import dev.formgate.observability.Metrics;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: every object is built here with {@code new}, routes and error mapping are registered here.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final FormRegistry forms;
    private final Outbox outbox;
    private final BucketStore buckets;
    private final FlotiqClient cms;
    private final DeliveryWorker worker;
    private final CircuitBreaker breaker;
    private final Metrics metrics;
    private final AccessLog accessLog;
    private final Javalin javalin;

    public App(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        ObjectMapper json = Json.mapper();
        // The outbox (native library, database file) and the CMS client (over https: the TLS trust store) open on
        // helper threads while the forms load here: a shorter cold start (bench/README.md). The JDK HTTP client
        // serves captcha checks only and its build loads the trust store too, so it is built only when a captcha
        // secret is set (a form cannot ask for a captcha without one: the forms would not load).
        // Jetty's MIME table asks the JDK for every available locale, which loads the locale data (~30 ms on the
        // main thread at start); asked here first, on a helper thread, the data is ready when Jetty starts.
        Startup.async("locales", Locale::getAvailableLocales);
        CompletableFuture<Outbox> opening = Startup.async("outbox", () -> Outbox.open(settings.dataDir(), clock));
        CompletableFuture<FlotiqClient> connecting = Startup.async("cms",
                () -> new FlotiqClient(settings.flotiqUrl(), settings.flotiqKeys(), settings.cmsTimeout()));
        CompletableFuture<HttpClient> building = settings.captchaSecrets().isEmpty()
                ? CompletableFuture.failedFuture(new IllegalStateException("no captcha secret is set"))
                : Startup.async("http", App::httpClient);
        try {
            this.forms = FormRegistry.load(settings, json);
        } catch (RuntimeException | Error e) {
            Startup.discard(opening);
            Startup.discard(connecting);
            throw e;
        }
        try {
            this.outbox = Startup.join(opening);
        } catch (RuntimeException | Error e) {
            Startup.discard(connecting);
            throw e;
        }
        this.metrics = new Metrics(forms.all().stream().map(FormDefinition::name).toList());
        SecureRandom random = new SecureRandom();
        this.cms = Startup.join(connecting);
        this.breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
        RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), settings.retryMaxAge(), random);
        DeliveryListener deliveries = metrics.deliveries();
        this.worker = new DeliveryWorker(outbox, cms, breaker, retry, clock, Duration.ofSeconds(1), settings.retention(),
                deliveries);
        Dispatcher dispatcher = dispatcher(clock, retry, deliveries);
        this.buckets = bucketStore(settings, clock);
        metrics.watchRateLimitStore(buckets instanceof RedisBucketStore redis ? redis::failures : () -> 0L);
        metrics.watchOutbox(outbox::stats, clock);
        metrics.watchBreaker(breaker::state);
        this.accessLog = new AccessLog(salt(random), settings.refusalLogLimit());
        this.javalin = routes(clock, json, () -> Startup.join(building), dispatcher, random);
        worker.start();
    }

    private Dispatcher dispatcher(Clock clock, RetryPolicy retry, DeliveryListener deliveries) {
        // the lease outlasts one CMS request (timeout plus connect), so the worker never races the request path
        Duration lease = settings.cmsTimeout().plus(Duration.ofSeconds(5));
        return new Dispatcher(outbox, cms, breaker, retry, clock, settings.deliveryDeadline(), lease, deliveries);
    }

    private static BucketStore bucketStore(Settings settings, Clock clock) {
        return settings.redisUrl().isPresent()
                ? new RedisBucketStore(settings.redisUrl().get().value(), settings.rateLimitFailClosed(), clock,
                        RedisBucketStore.KEY_PREFIX + settings.redisNamespace() + ":")
                : new LocalBucketStore(settings.rateLimitMaxClients(), Duration.ofHours(2), clock);
    }

    /** The request side: guards, the submit pipeline and the HTTP routes. */
    private Javalin routes(Clock clock, ObjectMapper json, Supplier<HttpClient> http, Dispatcher dispatcher,
                           SecureRandom random) {
        RateLimiter limiter = new RateLimiter(buckets, name -> forms.byName(name).map(FormDefinition::rateLimits).orElseThrow());
        OriginPolicy origins = new OriginPolicy(settings.allowedOrigins());
        Answers answers = new Answers(json, origins);
        CaptchaVerifier captcha = new CaptchaVerifier(http, settings.captchaVerifyUrl().orElse(null),
                Duration.ofSeconds(5), settings.recaptchaMinScore());
        Cors cors = new Cors(origins);
        SubmitHandler submit = new SubmitHandler(ClientIdentity.parse(settings.trustedProxy()), cors,
                new Throttle(limiter), new SpamChecks(captcha, settings.captchaSecrets(), cms),
                dispatcher, new SubmissionIds(clock, random), answers, clock, settings.doubleSubmitWindow(),
                SubmissionEvents.all(metrics.submissions(), accessLog));
        return new Routes(forms, submit, cors, answers, json, outbox, breaker, settings.flotiqKeys().any(),
                settings.idleTimeout(), metrics.endpoint(settings.metricsToken()), metrics.http()).javalin();
    }

    private static byte[] salt(SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * For the captcha check only (delivery has its own connections, {@link FlotiqClient}). Runnable::run: the client's
     * I/O thread finishes each exchange itself instead of handing every step to a cached thread pool.
     */
    private static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER).executor(Runnable::run).build();
    }

    public Javalin javalin() {
        return javalin;
    }

    public FormRegistry forms() {
        return forms;
    }

    public Outbox outbox() {
        return outbox;
    }

    public DeliveryWorker worker() {
        return worker;
    }

    public OutboxStats stats() {
        return outbox.stats();
    }

    /** Starts serving on the configured host and port. */
    public App start() {
        javalin.start(settings.host(), settings.port());
        return this;
    }

    @Override
    public void close() {
        javalin.stop();
        accessLog.reportLeftOut();
        worker.close();
        cms.close();
        try {
            buckets.close();
        } catch (Exception e) {
            LOG.warn("Closing the rate-limit store failed: {}", e.toString());
        }
        outbox.close();
        metrics.close();
    }

}
