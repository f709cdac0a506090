package dev.formgate.observability;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code formgate_http_server_requests_seconds{method, route, status}}, fed by Javalin's request logger.
 *
 * <p>The route is the matched path template ({@code /forms/{form}}), or {@value #UNMATCHED} when no route
 * matched, so raw paths never become labels.
 */
final class HttpMetrics implements RequestLogger {
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx, Float millis) {
        Timer.builder("formgate.http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? UNMATCHED : e.path;
        } catch (RuntimeException e) {
            return UNMATCHED;
        }
    }
}
