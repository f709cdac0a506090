package dev.formgate.cli;

import dev.formgate.config.EnvSettings;
import dev.formgate.config.Settings;
import dev.formgate.delivery.FlotiqKeys;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.guard.RateSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a loaded configuration amounts to, in a screenful: printed by {@code check} and logged at server start.
 *
 * <p>Secrets are reported only as {@code set} or {@code not set}; their values are never read into the text.
 */
public final class ConfigReport {
    private static final String KEY_PREFIX = "FLOTIQ_API_KEY_";

    private final Map<String, String> env;
    private final Settings settings;
    private final Collection<FormDefinition> forms;

    /** @param env the environment the settings were loaded from, consulted only for whether variables are set */
    public ConfigReport(Map<String, String> env, Settings settings, FormRegistry forms) {
        this.env = Objects.requireNonNull(env, "env");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.forms = Objects.requireNonNull(forms, "forms").all();
    }

    /** The summary: global settings, then one block per form. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add("FormGate configuration");
        row(out, "listen", settings.host() + ":" + settings.port());
        row(out, "schemas", settings.schemasDir().toAbsolutePath().normalize() + " (" + forms.size() + " forms)");
        row(out, "data", settings.dataDir().toAbsolutePath().normalize() + " (outbox formgate.db)");
        row(out, "CMS", settings.flotiqUrl() + "; " + (settings.flotiqKeys().any() ? "delivering" : "local mode, nothing is delivered")
                + "; deadline " + settings.deliveryDeadline().toMillis() + " ms; timeout " + settings.cmsTimeout().toMillis() + " ms");
        row(out, "client address", proxy(settings.trustedProxy()));
        row(out, "origins", settings.allowedOrigins().isEmpty() ? "none globally" : String.join(", ", settings.allowedOrigins()));
        row(out, "rate limits", "per client " + specs(settings.perClient()) + "; per form " + specs(settings.perForm())
                + "; " + store());
        row(out, "secrets set", secrets(true));
        row(out, "not set", secrets(false));
        row(out, "metrics", settings.metricsToken().isPresent() ? "/metrics requires the bearer token"
                : "/metrics is open to anyone who can reach the service");
        for (FormDefinition f : forms) {
            form(out, f);
        }
        return out;
    }

    /** Things that work but are probably not what the operator wants. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        FlotiqKeys keys = settings.flotiqKeys();
        if (!keys.any()) {
            out.add("local mode: no FLOTIQ_API_KEY is set, so submissions are kept as 'held' in "
                    + settings.dataDir().toAbsolutePath().normalize() + " and not delivered; set FLOTIQ_API_KEY to deliver them");
        }
        for (FormDefinition f : forms) {
            if (keys.any() && keys.forForm(f.name()).isEmpty()) {
                out.add("form " + f.name() + " has no CMS key, so its submissions are held; set FLOTIQ_API_KEY or "
                        + FlotiqKeys.variableFor(f.name()));
            }
            if (origins(f).isEmpty()) {
                out.add("form " + f.name() + " allows no origin, so browsers posting from another site get 403; set "
                        + "FORMGATE_ALLOWED_ORIGINS or x-formgate.allowedOrigins in " + f.file());
            } else if (origins(f).contains(OriginPolicy.ANY)) {
                out.add("form " + f.name() + " accepts posts from any site (origin \"*\")");
            }
        }
        Set<String> used = forms.stream().map(f -> FlotiqKeys.variableFor(f.name())).collect(Collectors.toSet());
        env.keySet().stream().filter(n -> n.startsWith(KEY_PREFIX) && isSet(n) && !used.contains(n)).sorted()
                .forEach(n -> out.add(n + " is set but no form is named "
                        + n.substring(KEY_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-') + "; check the form name"));
        return out;
    }

    /** Summary and warnings, one line each, for a log or a terminal. */
    public String text() {
        List<String> all = new ArrayList<>(summary());
        warnings().forEach(w -> all.add("warning: " + w));
        return String.join(System.lineSeparator(), all);
    }

    private void form(List<String> out, FormDefinition f) {
        out.add("form " + f.name() + " (" + f.file() + ")");
        row(out, "content type", f.contentType() + " (POST /forms/" + f.name() + ", POST /api/v1/content/"
                + f.contentType() + "); CMS key " + cmsKey(f));
        row(out, "origins", originText(f) + (f.requireOrigin() ? "; Origin header required" : ""));
        row(out, "limits", "per client " + specs(f.rateLimits().perClient()) + "; per form "
                + specs(f.rateLimits().perForm()) + "; max body " + f.maxBodyBytes() + " bytes");
        row(out, "spam", "honeypot " + f.honeypot() + "; captcha " + f.captcha()
                .map(c -> c.name().toLowerCase(Locale.ROOT) + " (" + c.secretEnv() + " " + setOrNot(c.secretEnv()) + ")")
                .orElse("none"));
        row(out, "redirects", "success " + f.successUrl().orElse("built-in page") + "; error "
                + f.errorUrl().orElse("built-in page"));
    }

    private String cmsKey(FormDefinition f) {
        String own = FlotiqKeys.variableFor(f.name());
        if (isSet(own)) return own + " set";
        if (settings.flotiqKeys().forForm(f.name()).isPresent()) return "FLOTIQ_API_KEY set";
        return "not set (held)";
    }

    private String originText(FormDefinition f) {
        List<String> parts = new ArrayList<>();
        settings.allowedOrigins().forEach(o -> parts.add(o + " (global)"));
        f.allowedOrigins().forEach(o -> parts.add(o + " (own)"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The form's own origins add to the global ones. */
    private Set<String> origins(FormDefinition f) {
        Set<String> all = new java.util.LinkedHashSet<>(settings.allowedOrigins());
        all.addAll(f.allowedOrigins());
        return all;
    }

    private String store() {
        if (settings.redisUrl().isPresent()) {
            return "shared in Redis (REDIS_URL), failing " + (settings.rateLimitFailClosed() ? "closed" : "open")
                    + " when it is unreachable";
        }
        return "in memory, up to " + settings.rateLimitMaxClients() + " clients";
    }

    /** The secret variables that are set (or not), by name only. */
    private String secrets(boolean set) {
        List<String> names = new ArrayList<>(List.of("FLOTIQ_API_KEY"));
        forms.forEach(f -> names.add(FlotiqKeys.variableFor(f.name())));
        names.addAll(EnvSettings.CAPTCHA_SECRET_VARS);
        names.add("REDIS_URL");
        names.add("FORMGATE_METRICS_TOKEN");
        String list = names.stream().filter(n -> isSet(n) == set).collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    private static String proxy(String mode) {
        return switch (mode) {
            case "none" -> "none: the TCP peer (forwarding headers ignored)";
            case "fly" -> "fly: Fly-Client-IP";
            case "cloudflare" -> "cloudflare: CF-Connecting-IP";
            default -> mode + ": X-Forwarded-For, address " + mode.substring(4) + " from the right";
        };
    }

    private static String specs(List<RateSpec> specs) {
        return specs.isEmpty() ? "none" : specs.stream().map(RateSpec::toString).collect(Collectors.joining(", "));
    }

    private String setOrNot(String variable) {
        return isSet(variable) ? "set" : "not set";
    }

    private boolean isSet(String variable) {
        String v = env.get(variable);
        return v != null && !v.isBlank();
    }

    private static void row(List<String> out, String label, String value) {
        out.add(String.format(Locale.ROOT, "  %-14s %s", label, value));
    }
}
