package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.delivery.CircuitBreaker;
import dev.formgate.delivery.Outbox;
import dev.formgate.delivery.OutboxStats;
import dev.formgate.delivery.OutboxUnavailableException;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.observability.RequestIds;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.RequestLogger;
import java.time.Duration;
import org.eclipse.jetty.server.handler.GracefulHandler;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: which path goes to which handler, plus the one place exceptions become answers.
 */
public final class Routes {
    /** How long stopping waits for requests in flight before closing their connections. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

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
    private final RequestLogger requestLogger;
    private final Script script = Script.load();

    /**
     * @param metrics       serves {@code GET /metrics}
     * @param requestLogger told about every finished request (HTTP metrics)
     */
    public Routes(FormRegistry forms, SubmitHandler submit, Cors cors, Answers answers, ObjectMapper json,
                  Outbox outbox, CircuitBreaker breaker, boolean delivering, java.time.Duration idleTimeout,
                  Handler metrics, RequestLogger requestLogger) {
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
        this.requestLogger = Objects.requireNonNull(requestLogger, "requestLogger");
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
        config.jetty.modifyServer(server -> {
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
        config.requestLogger.http(requestLogger);
        config.routes.before(ctx -> {
            RequestIds.assign(ctx);
            ctx.header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", Html.CSP);
        });
        Function<Context, FormDefinition> byName = ctx -> forms.byName(ctx.pathParam("form"))
                .orElseThrow(() -> unknown("form", ctx.pathParam("form")));
        Function<Context, FormDefinition> byType = ctx -> forms.byContentType(ctx.pathParam("contentType"))
                .orElseThrow(() -> unknown("content type", ctx.pathParam("contentType")));
        config.routes.post("/forms/{form}", ctx -> submit.handle(ctx, byName));
        config.routes.post("/api/v1/content/{contentType}", ctx -> submit.handle(ctx, byType));
        config.routes.options("/forms/{form}", ctx -> cors.preflight(ctx, byName.apply(ctx)));
        config.routes.options("/api/v1/content/{contentType}", ctx -> cors.preflight(ctx, byType.apply(ctx)));
        config.routes.get("/forms/{form}/schema", ctx -> schema(ctx, byName.apply(ctx)));
        config.routes.get("/formgate.js", script::serve);
        config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
        config.routes.get("/ready", this::ready);
        config.routes.get("/metrics", metrics);
        config.routes.get("/", ctx -> Answers.html(ctx, 200, DemoPage.render(forms.all(), !delivering)));
        config.routes.exception(GateException.class, (e, ctx) -> answers.failure(ctx, e));
        config.routes.exception(OutboxUnavailableException.class, (e, ctx) -> {
            LOG.error("Outbox unavailable on {} (request {}): {}", ctx.path(), RequestIds.of(ctx), e.getMessage());
            answers.failure(ctx, GateException.of(503, "store-unavailable", "Temporarily unavailable",
                    "The submission could not be stored and was not accepted; please try again shortly.")
                    .withHeaders(java.util.Map.of("Retry-After", "30")));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {} (request {})", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
            answers.failure(ctx, GateException.of(500, "internal", "Internal error",
                    "Something went wrong on our side; request id " + RequestIds.of(ctx) + "."));
        });
        // a path no route matches: Javalin throws NotFoundResponse and would answer its own JSON; ours is a problem
        // document (or a page for a browser) like every other refusal. Unknown forms refuse in their route.
        config.routes.exception(NotFoundResponse.class, (e, ctx) -> answers.failure(ctx, GateException.of(404,
                "not-found", "Not found", "There is nothing at " + ctx.path() + ".")));
        config.routes.error(405, ctx -> answers.failure(ctx, GateException.of(405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed here; submit with POST.")));
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

    private static GateException unknown(String what, String name) {
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
