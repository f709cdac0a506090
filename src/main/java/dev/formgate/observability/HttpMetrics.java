package dev.formgate.observability;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code formgate_http_server_requests_seconds{method, route, status}}, fed by Javalin's request logger and by the
 * submit routes Jetty serves itself.
 *
 * <p>The route is the matched path template ({@code /forms/{form}}), or {@value #UNMATCHED} when no route
 * matched, so raw paths never become labels. The timers are kept by their labels (a bounded set: methods, route
 * templates, statuses), so a request costs one map lookup instead of building and registering a meter id.
 */
public final class HttpMetrics implements RequestLogger {
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx, Float millis) {
        record(ctx.method().name(), route(ctx), ctx.statusCode(), (long) (millis * 1_000_000L));
    }

    /** One finished request: {@code route} is its path template. */
    public void record(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(method + ' ' + status + ' ' + route, k -> timer(method, route, status))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String route, int status) {
        return Timer.builder("formgate.http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry);
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
