package dev.formgate.intake;

/** Escaping and the shared page frame for FormGate's small built-in pages (no scripts, inline styles only). */
final class Html {
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** Strict policy for built-in pages: no scripts at all, forms may post back to FormGate only. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
            h1{font-size:1.5rem}ul{padding-left:1.2rem}li{margin:.3rem 0}a{color:#0b57d0}
            label{display:block;margin-top:1rem;font-weight:600}
            input,textarea,select{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;margin-top:.25rem}
            input[type=checkbox]{width:auto}button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit}
            .err{color:#b00020}section{border-top:1px solid #ddd;margin-top:2rem}
            """;

    private Html() {
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body><main>"
                + body + "</main></body></html>";
    }
}
