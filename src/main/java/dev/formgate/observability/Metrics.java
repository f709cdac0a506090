package dev.formgate.observability;

import dev.formgate.config.Secret;
import dev.formgate.delivery.DeliveryListener;
import dev.formgate.delivery.OutboxStats;
import dev.formgate.intake.SubmissionEvents;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one FormGate process in a Prometheus registry: the way in for the rest of the code, which
 * never imports Micrometer itself.
 *
 * <p>Every series name starts with {@code formgate_}, JVM ones included ({@code formgate_jvm_memory_used_bytes}).
 * Form labels are limited to the registered forms, route labels to route templates.
 */
public final class Metrics implements AutoCloseable {
    static final String PREFIX = "formgate.";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FormLabels forms;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** What the registry holds only weakly, kept reachable as long as these metrics are. */
    private final Collection<Object> heldSources = new CopyOnWriteArrayList<>();

    /** A registry with JVM metrics, labelling by the given registered form names. */
    public Metrics(Collection<String> formNames) {
        this.forms = new FormLabels(formNames);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id : id.withName(PREFIX + id.getName());
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Counts submissions by form and outcome. */
    public SubmissionEvents submissions() {
        return new SubmissionMetrics(registry, forms);
    }

    /** Times CMS calls and counts delivery attempts by result. */
    public DeliveryListener deliveries() {
        return new DeliveryMetrics(registry, forms);
    }

    /** HTTP request count and latency by method, route template and status. */
    public HttpMetrics http() {
        return new HttpMetrics(registry);
    }

    /** Outbox depth by state and the oldest queued submission's age, reading {@code stats} at most once a second. */
    public void watchOutbox(Supplier<OutboxStats> stats, Clock clock) {
        CachedStats cache = new CachedStats(stats, clock, Duration.ofSeconds(1));
        outboxGauge(cache, "held", OutboxStats::held);
        outboxGauge(cache, "queued", OutboxStats::queued);
        outboxGauge(cache, "dead", OutboxStats::dead);
        outboxGauge(cache, "delivered", OutboxStats::delivered);
        Gauge.builder("formgate.outbox.oldest.queued.age", cache,
                        c -> c.get().map(s -> s.oldestQueuedAge().map(d -> d.toMillis() / 1000.0).orElse(0.0)).orElse(Double.NaN))
                .description("Age of the oldest queued submission (0 when none)")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    private void outboxGauge(CachedStats cache, String state, ToDoubleFunction<OutboxStats> count) {
        Gauge.builder("formgate.outbox.submissions", cache, c -> c.get().map(count::applyAsDouble).orElse(Double.NaN))
                .description("Submissions in the outbox by state")
                .tag("state", state).strongReference(true).register(registry);
    }

    /** The CMS circuit breaker: 0 closed, 1 half-open, 2 open. */
    public void watchBreaker(Supplier<String> state) {
        Gauge.builder("formgate.cms.breaker.state", state, s -> breakerValue(s.get()))
                .description("CMS circuit breaker: 0 closed, 1 half-open, 2 open")
                .strongReference(true).register(registry);
    }

    static double breakerValue(String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "closed" -> 0;
            case "half_open" -> 1;
            case "open" -> 2;
            default -> Double.NaN;
        };
    }

    /** Rate-limit checks answered without the shared store (Redis) because it could not be reached. */
    public void watchRateLimitStore(LongSupplier failures) {
        // Micrometer holds a function counter's source weakly (its builder has no strong option, unlike the gauges'):
        // a method reference held by nobody else would be collected and the series read nothing from the next GC on
        heldSources.add(failures);
        FunctionCounter.builder("formgate.ratelimit.store.failures", failures, f -> f.getAsLong())
                .description("Rate-limit checks answered without Redis because it was unreachable")
                .register(registry);
    }

    /** The {@code GET /metrics} handler, requiring {@code Authorization: Bearer <token>} when a token is given. */
    public Handler endpoint(Optional<Secret> token) {
        return new MetricsEndpoint(this::scrape, token);
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
