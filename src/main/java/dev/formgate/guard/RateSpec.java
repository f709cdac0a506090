package dev.formgate.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rate limit: {@code tokens} requests per {@code period}, written {@code "N/<window>"} as in "5/1m".
 *
 * <p>The window is a whole number of seconds with unit s, m, h or d; the number may be left out
 * ("5/m" means "5/1m"). The limit is a fixed allowance: exactly N requests, then refusals until the
 * whole allowance comes back one window later.
 */
public record RateSpec(long tokens, Duration period) {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*([a-zA-Z]+)");
    private static final long MAX_SECONDS = Duration.ofDays(366).toSeconds();

    public RateSpec {
        Objects.requireNonNull(period, "period");
        if (tokens <= 0) {
            throw new IllegalArgumentException("count must be > 0");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("window must be > 0");
        }
        if (period.getNano() != 0) {
            throw new IllegalArgumentException("window must be whole seconds");
        }
    }

    /** Parses "N/&lt;window&gt;"; the {@link IllegalArgumentException} message quotes the text and says what is wrong. */
    public static RateSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw invalid(t, "expected N/<window> like 5/1m (units s, m, h, d)");
        }
        long tokens = number(t, m.group(1), "count");
        long amount = m.group(2).isEmpty() ? 1 : number(t, m.group(2), "window");
        long unitSeconds = unitSeconds(t, m.group(3));
        if (tokens <= 0) {
            throw invalid(t, "count must be > 0");
        }
        if (amount <= 0) {
            throw invalid(t, "window must be > 0");
        }
        if (amount > MAX_SECONDS / unitSeconds) {
            throw invalid(t, "window must be at most 366d");
        }
        return new RateSpec(tokens, Duration.ofSeconds(amount * unitSeconds));
    }

    /** Parses a comma-separated list such as "5/1m,30/1h"; "none" is the empty list; windows must differ. */
    public static List<RateSpec> parseList(String commaSeparated) {
        String text = commaSeparated == null ? "" : commaSeparated.trim();
        if (text.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<RateSpec> specs = new ArrayList<>();
        Set<Duration> windows = new HashSet<>();
        for (String part : text.split(",", -1)) {
            RateSpec spec = parse(part);
            if (!windows.add(spec.period())) {
                throw invalid(text, "window " + spec.window() + " is given twice");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static long number(String text, String digits, String what) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text, what + " is too large");
        }
    }

    private static long unitSeconds(String text, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "s":
                return 1;
            case "m":
                return 60;
            case "h":
                return 3600;
            case "d":
                return 86400;
            default:
                throw invalid(text, "unknown unit \"" + unit + "\" (use s, m, h or d)");
        }
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("\"" + text + "\": " + problem);
    }

    /** The window in the shortest exact form, e.g. "1m", "90s", "2h". */
    public String window() {
        long s = period.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** Back to the configuration form, e.g. "5/1m". */
    @Override
    public String toString() {
        return tokens + "/" + window();
    }
}
