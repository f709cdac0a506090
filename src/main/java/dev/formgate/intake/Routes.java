package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.delivery.CircuitBreaker;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.OutboxStats;
import dev.formgate.delivery.OutboxUnavailableException;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.observability.HttpMetrics;
import dev.formgate.observability.RequestIds;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.util.Objects;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP surface: which path goes to which handler. The submit paths are served by {@link SubmitRoutes} in front of
 * Javalin; every exception becomes an answer in {@link Answers#refuse}.
 */
public final class Routes {
    /** How long stopping waits for requests in flight before closing their connections. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** On every answer, Javalin's and {@link SubmitRoutes}'. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", Html.CSP);

    /** Selector threads: one per core, up to four. */
    private static final int SELECTORS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final FormRegistry forms;
    private final SubmitHandler submit;
    private final Cors cors;
    private final Answers answers;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final CircuitBreaker breaker;
    private final boolean delivering;
    private final java.time.Duration idleTimeout;
    private final Handler metrics;
    private final HttpMetrics httpMetrics;
    private final Script script = Script.load();

    /**
     * @param metrics       serves {@code GET /metrics}
     * @param httpMetrics   told about every finished request
     */
    public Routes(FormRegistry forms, SubmitHandler submit, Cors cors, Answers answers, ObjectMapper json,
                  Outbox outbox, CircuitBreaker breaker, boolean delivering, java.time.Duration idleTimeout,
                  Handler metrics, HttpMetrics httpMetrics) {
        this.forms = Objects.requireNonNull(forms, "forms");
        this.submit = Objects.requireNonNull(submit, "submit");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.json = Objects.requireNonNull(json, "json");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.delivering = delivering;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.httpMetrics = Objects.requireNonNull(httpMetrics, "httpMetrics");
    }

    public Javalin javalin() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        // Javalin copies each answer through a buffer of this size, allocated per response (32 KB by default);
        // answers are small, so 1 KB saves most of a request's allocation (bench/README.md)
        config.http.responseBufferSize = 1024;
        config.concurrency.useVirtualThreads = !Boolean.getBoolean("fg.platform");
        oneSelectorPerCore(config);
        config.jetty.modifyServer(server -> {
            server.insertHandler(new SubmitRoutes(forms, submit, cors, answers, httpMetrics));
            // SIGTERM: stop accepting, let requests in flight get their answer (each waits at most the delivery deadline)
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(STOP_TIMEOUT.toMillis());
            boundSlowClients(server);
        });
        // Jetty keeps a cache of header fields per connection (a trie of ~100 KB, built at its second request) that
        // outlives most young collections and dies in the old generation when the connection closes: ~20 MB for
        // 200 keep-alive connections, the main cause of heap growth under load (bench/README.md). Off: a request's
        // few headers are parsed without it.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
        config.requestLogger.http(httpMetrics);
        config.routes.before(ctx -> {
            RequestIds.assign(ctx);
            SECURITY_HEADERS.forEach(ctx::header);
        });
        Function<Context, FormDefinition> byName = ctx -> forms.byName(ctx.pathParam("form"))
                .orElseThrow(() -> unknown("form", ctx.pathParam("form")));
        // POST and OPTIONS on the submit paths never reach Javalin: SubmitRoutes serves them
        config.routes.get("/forms/{form}/schema", ctx -> schema(ctx, byName.apply(ctx)));
        config.routes.get("/formgate.js", script::serve);
        config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
        config.routes.get("/ready", this::ready);
        config.routes.get("/metrics", metrics);
        config.routes.get("/", ctx -> Answers.html(new JavalinExchange(ctx), 200, DemoPage.render(forms.all(), !delivering)));
        config.routes.exception(Exception.class, (e, ctx) -> answers.refuse(new JavalinExchange(ctx), e));
        // a path no route matches: Javalin throws NotFoundResponse and would answer its own JSON; ours is a problem
        // document (or a page for a browser) like every other refusal. Unknown forms refuse in their route.
        config.routes.exception(NotFoundResponse.class, (e, ctx) -> answers.failure(new JavalinExchange(ctx),
                GateException.of(404, "not-found", "Not found", "There is nothing at " + ctx.path() + ".")));
        config.routes.error(405, ctx -> answers.failure(new JavalinExchange(ctx), methodNotAllowed(ctx.method().name())));
    }

    /**
     * Listens with one selector thread per core (up to four), not Jetty's one per two cores: SubmitRoutes answers
     * refusals on the selector threads, and with one selector on two cores a flood of refusals was served by one thread
     * (bench/README.md). Also the stack's floor's setting (bench/floor.sh).
     */
    public static void oneSelectorPerCore(JavalinConfig config) {
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, -1, SELECTORS, new HttpConnectionFactory(http));
            connector.setHost(config.jetty.host);
            connector.setPort(config.jetty.port);
            return connector;
        });
    }

    /** A client that stalls mid-request holds a connection for at most the idle timeout. */
    private void boundSlowClients(org.eclipse.jetty.server.Server server) {
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                    if (c instanceof org.eclipse.jetty.server.AbstractConnector a) a.setIdleTimeout(idleTimeout.toMillis());
                }
            }
        });
    }

    static GateException methodNotAllowed(String method) {
        return GateException.of(405, "method-not-allowed", "Method not allowed",
                method + " is not allowed here; submit with POST.");
    }

    static GateException unknown(String what, String name) {
        return GateException.of(404, "unknown-form", "Unknown form",
                "There is no " + what + " named \"" + name + "\" on this FormGate.");
    }

    private void schema(Context ctx, FormDefinition form) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=300")
                .contentType("application/schema+json").result(form.publicSchema());
    }

    /** 200 with the backlog when the store takes writes; 503 otherwise, still JSON (a closed store has no counts). */
    private void ready(Context ctx) {
        boolean writable = outbox.writable();
        ObjectNode body = json.createObjectNode()
                .put("status", writable ? "ready" : "store not writable")
                .put("forms", forms.all().size());
        try {
            OutboxStats s = outbox.stats();
            body.put("held", s.held())
                    .put("queued", s.queued())
                    .put("dead", s.dead())
                    .put("oldestQueuedAgeSeconds", s.oldestQueuedAge().map(d -> d.toSeconds()).orElse(0L));
        } catch (OutboxUnavailableException e) {
            writable = false;
            body.put("status", "store not readable");
        }
        body.put("cmsBreaker", breaker.state());
        ctx.status(writable ? 200 : 503).contentType("application/json").result(body.toString());
    }
}
