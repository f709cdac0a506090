package dev.formgate.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which browser origins may post to a form and where FormGate may redirect after a post.
 *
 * <p>Origins are compared exactly after normalization to {@code scheme://host[:port]} (lower case, default
 * port dropped, no trailing slash); there is no suffix or pattern matching. A form's own origin list adds to
 * the global list for that form. The single entry {@code "*"} allows any origin to post
 * (local/demo use) but never makes a redirect target acceptable.
 */
public final class OriginPolicy {
    /** Allows any origin to post; never used for redirects. */
    public static final String ANY = "*";
    /** Distinct form lists kept with their union (forms are few; a reload that changes lists starts afresh). */
    private static final int MAX_KEPT_LISTS = 256;
    /**
     * Origin headers kept with what they normalize to. A site's visitors send a handful of distinct origins, and a
     * flood from a foreign page repeats one; a flood of made-up ones is parsed as before and empties the table.
     */
    private static final int MAX_KEPT_ORIGINS = 1024;
    /** Longer headers are parsed each time, never kept: an origin is scheme, host (253 at most) and port. */
    private static final int MAX_KEPT_LENGTH = 300;

    private final Set<String> globalOrigins;
    /** A form's own list -> its union with the global list, made once instead of on every request. */
    private final Map<Set<String>, Set<String>> effectiveByList = new ConcurrentHashMap<>();
    /** A request's Origin header -> its normalized origin, or empty when it is none (see {@link #MAX_KEPT_ORIGINS}). */
    private final Map<String, Optional<String>> normalizedOrigins = new ConcurrentHashMap<>();

    public OriginPolicy(Set<String> globalOrigins) {
        Objects.requireNonNull(globalOrigins, "globalOrigins");
        Set<String> normalized = new HashSet<>();
        globalOrigins.forEach(o -> normalized.add(normalize(o)));
        this.globalOrigins = Set.copyOf(normalized);
    }

    /**
     * Normalizes a configured origin to {@code scheme://host[:port]}; throws {@link IllegalArgumentException}
     * for null or anything that is not a bare http(s) origin ({@code "*"} is returned as is).
     */
    public static String normalize(String origin) {
        if (origin == null) {
            throw new IllegalArgumentException("origin must not be null");
        }
        String trimmed = origin.trim();
        if (trimmed.equals(ANY)) {
            return ANY;
        }
        URI uri = parse(trimmed).orElseThrow(() -> invalid(origin, "not a URL"));
        if (!bare(uri)) {
            throw invalid(origin, "an origin has no path, query or fragment");
        }
        return originOf(uri).orElseThrow(() -> invalid(origin, "expected scheme://host[:port] with http or https"));
    }

    /** The normalized origin of an absolute http(s) URL (e.g. a Referer), or empty. */
    public static Optional<String> originOf(String url) {
        return url == null ? Optional.empty() : parse(url.trim()).flatMap(OriginPolicy::originOf);
    }

    /** Whether a request's {@code Origin} header may post to a form; null, "null" and malformed origins never may. */
    public boolean allowed(String origin, Set<String> formOrigins) {
        if (origin == null) {
            return false;
        }
        Set<String> effective = effective(formOrigins);
        // A browser sends its origin already normalized, and the lists hold normalized origins: an exact match needs no
        // parse (normalizing a normalized origin gives it back), not even while a flood of made-up origins keeps
        // emptying the table below. "*" in a list is no origin a request may send.
        if (!origin.equals(ANY) && effective.contains(origin)) {
            return true;
        }
        Optional<String> normalized = normalizedOrigins.get(origin);
        if (normalized == null) {
            normalized = bareOrigin(origin);
            if (origin.length() <= MAX_KEPT_LENGTH) {
                if (normalizedOrigins.size() >= MAX_KEPT_ORIGINS) {
                    normalizedOrigins.clear();
                }
                normalizedOrigins.put(origin, normalized);
            }
        }
        if (normalized.isEmpty()) {
            return false;
        }
        return effective.contains(ANY) || effective.contains(normalized.get());
    }

    /** Origin headers kept with their normalized form (tests: the table stays bounded). */
    int keptOrigins() {
        return normalizedOrigins.size();
    }

    /** Form lists kept with their union (tests: the table stays bounded). */
    int keptLists() {
        return effectiveByList.size();
    }

    /**
     * Whether FormGate may redirect to {@code url}: an absolute http(s) URL without user info whose origin is
     * allowed explicitly; relative, protocol-relative ("//evil.com") and other schemes never are.
     */
    public boolean redirectAllowed(String url, Set<String> formOrigins) {
        if (url == null || url.isEmpty() || hasControlOrSpace(url)) {
            return false;
        }
        return parse(url).flatMap(OriginPolicy::originOf).map(effective(formOrigins)::contains).orElse(false);
    }

    private Set<String> effective(Set<String> formOrigins) {
        if (formOrigins == null || formOrigins.isEmpty()) {
            return globalOrigins;
        }
        Set<String> kept = effectiveByList.get(formOrigins);
        if (kept != null) {
            return kept;
        }
        if (effectiveByList.size() >= MAX_KEPT_LISTS) {
            effectiveByList.clear();
        }
        Set<String> union = union(formOrigins);
        effectiveByList.put(Collections.unmodifiableSet(new HashSet<>(formOrigins)), union); // a copy: the caller's may change
        return union;
    }

    /** A form's origins add to the global list (FORMGATE_ALLOWED_ORIGINS applies to every form). */
    private Set<String> union(Set<String> formOrigins) {
        Set<String> normalized = new HashSet<>(globalOrigins);
        for (String o : formOrigins) {
            if (o != null && o.trim().equals(ANY)) {
                normalized.add(ANY);
            }
            bareOrigin(o).ifPresent(normalized::add);
        }
        return Set.copyOf(normalized);
    }

    /** The normalized origin when text is exactly an origin (no path beyond "/", query or fragment). */
    private static Optional<String> bareOrigin(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return parse(text.trim()).filter(OriginPolicy::bare).flatMap(OriginPolicy::originOf);
    }

    private static boolean bare(URI uri) {
        String path = uri.getRawPath();
        return uri.getRawQuery() == null && uri.getRawFragment() == null
                && (path == null || path.isEmpty() || path.equals("/"));
    }

    private static Optional<URI> parse(String text) {
        if (hasControlOrSpace(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> originOf(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null || host.isEmpty()) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        // URI.getHost() only accepts ASCII hosts; a non-ASCII (IDN) origin is rejected rather than guessed at. A DNS
        // label is at most 63 characters (java.net.IDN checks just that for ASCII, at a ~8 ms class load per start).
        String h = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (h.endsWith(".") || port > 65535 || Arrays.stream(h.split("\\.")).anyMatch(label -> label.length() > 63)) {
            return Optional.empty();
        }
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + h + (defaultPort ? "" : ":" + port));
    }

    private static boolean hasControlOrSpace(String text) {
        return text.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\');
    }

    private static IllegalArgumentException invalid(String origin, String problem) {
        return new IllegalArgumentException("origin \"" + origin + "\": " + problem);
    }
}
