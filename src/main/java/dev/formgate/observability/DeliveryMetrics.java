package dev.formgate.observability;

import dev.formgate.delivery.DeliveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code formgate_delivery_duration_seconds{form}} (one CMS call) and {@code formgate_delivery_attempts_total{form, result}}.
 *
 * <p>Rows of forms no longer registered count under {@value FormLabels#UNKNOWN}.
 */
final class DeliveryMetrics implements DeliveryListener {
    private final FormLabels forms;
    private final Map<String, Timer> timers = new HashMap<>();
    private final Map<String, Map<Result, Counter>> attempts = new HashMap<>();

    DeliveryMetrics(MeterRegistry registry, FormLabels forms) {
        this.forms = forms;
        for (String form : forms.known()) {
            register(registry, form);
        }
        register(registry, FormLabels.UNKNOWN);
    }

    private void register(MeterRegistry registry, String form) {
        timers.put(form, Timer.builder("formgate.delivery.duration")
                .description("Time of one CMS create call, by form")
                .tag("form", form).register(registry));
        Map<Result, Counter> byResult = new EnumMap<>(Result.class);
        for (Result r : Result.values()) {
            byResult.put(r, Counter.builder("formgate.delivery.attempts")
                    .description("Delivery attempts by form and what they did to the submission")
                    .tag("form", form).tag("result", r.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        attempts.put(form, byResult);
    }

    @Override
    public void called(String form, Duration took) {
        timers.get(forms.of(form)).record(took);
    }

    @Override
    public void recorded(String form, Result result) {
        attempts.get(forms.of(form)).get(result).increment();
    }
}
