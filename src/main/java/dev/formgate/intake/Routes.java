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
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: which path goes to which handler, plus the one place exceptions become answers.
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final FormRegistry forms;
    private final SubmitHandler submit;
    private final Cors cors;
    private final Answers answers;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final CircuitBreaker breaker;
    private final boolean delivering;
    private final Script script = Script.load();

    public Routes(FormRegistry forms, SubmitHandler submit, Cors cors, Answers answers, ObjectMapper json,
                  Outbox outbox, CircuitBreaker breaker, boolean delivering) {
        this.forms = Objects.requireNonNull(forms, "forms");
        this.submit = Objects.requireNonNull(submit, "submit");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.json = Objects.requireNonNull(json, "json");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.delivering = delivering;
    }

    public Javalin javalin() {
        return Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.concurrency.useVirtualThreads = true;
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
        config.routes.post("/forms/{form}", ctx -> submit.handle(ctx, byName.apply(ctx)));
        config.routes.post("/api/v1/content/{contentType}", ctx -> submit.handle(ctx, byType.apply(ctx)));
        config.routes.options("/forms/{form}", ctx -> cors.preflight(ctx, byName.apply(ctx)));
        config.routes.options("/api/v1/content/{contentType}", ctx -> cors.preflight(ctx, byType.apply(ctx)));
        config.routes.get("/forms/{form}/schema", ctx -> schema(ctx, byName.apply(ctx)));
        config.routes.get("/formgate.js", script::serve);
        config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));
        config.routes.get("/ready", this::ready);
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
        config.routes.error(404, ctx -> fallback(ctx, GateException.of(404, "not-found", "Not found",
                "There is nothing at " + ctx.path() + ".")));
        config.routes.error(405, ctx -> answers.failure(ctx, GateException.of(405, "method-not-allowed", "Method not allowed",
                ctx.method() + " is not allowed here; submit with POST.")));
    }

    private static GateException unknown(String what, String name) {
        return GateException.of(404, "unknown-form", "Unknown form",
                "There is no " + what + " named \"" + name + "\" on this FormGate.");
    }

    private void fallback(Context ctx, GateException e) {
        String body = ctx.result();
        if (body == null || body.isEmpty()) {
            answers.failure(ctx, e);
        }
    }

    private void schema(Context ctx, FormDefinition form) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "public, max-age=300")
                .contentType("application/schema+json").result(form.publicSchema());
    }

    private void ready(Context ctx) {
        boolean writable = outbox.writable();
        OutboxStats s = outbox.stats();
        ObjectNode body = json.createObjectNode()
                .put("status", writable ? "ready" : "store not writable")
                .put("forms", forms.all().size())
                .put("held", s.held())
                .put("queued", s.queued())
                .put("dead", s.dead())
                .put("oldestQueuedAgeSeconds", s.oldestQueuedAge().map(d -> d.toSeconds()).orElse(0L))
                .put("cmsBreaker", breaker.state());
        ctx.status(writable ? 200 : 503).contentType("application/json").result(body.toString());
    }
}
