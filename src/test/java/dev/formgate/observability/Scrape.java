package dev.formgate.observability;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Prometheus text exposition read into {@code name{labels} -> value}, for assertions on exact series. */
final class Scrape {
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final String text;

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The sample's value; fails when the series is absent. */
    double value(String series) {
        Double v = samples.get(series);
        if (v == null) throw new AssertionError("no series " + series + " in:\n" + text);
        return v;
    }

    boolean has(String series) {
        return samples.containsKey(series);
    }

    Map<String, Double> samples() {
        return samples;
    }

    String text() {
        return text;
    }
}
