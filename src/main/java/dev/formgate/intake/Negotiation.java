package dev.formgate.intake;

import java.util.Locale;

/** Decides whether a client gets JSON (problem+json) or HTML answers. */
final class Negotiation {
    private Negotiation() {
    }

    /** JSON for a JSON body, or an {@code Accept} that ranks JSON above HTML; HTML for plain form posts. */
    static boolean wantsJson(Exchange ex) {
        if (BodyReader.JSON.equals(BodyReader.mediaType(ex))) return true;
        String accept = ex.header("Accept");
        if (accept == null) return false;
        double json = 0;
        double html = 0;
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] bits = part.trim().split(";");
            double q = quality(bits);
            String type = bits[0].trim();
            if (type.equals("application/json") || type.equals("application/problem+json")) json = Math.max(json, q);
            if (type.equals("text/html")) html = Math.max(html, q);
        }
        return json > html;
    }

    private static double quality(String[] bits) {
        for (int i = 1; i < bits.length; i++) {
            String p = bits[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
