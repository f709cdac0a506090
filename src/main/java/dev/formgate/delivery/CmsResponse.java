package dev.formgate.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer from a CMS: status, headers (names in lower case, a repeated header's values joined with ", ")
 * and the body as UTF-8 text.
 *
 * <p>The body may echo submitted content, so {@link #toString()} shows the status only.
 */
record CmsResponse(int status, Map<String, String> headers, String body) {
    CmsResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The header's value, looked up by name in any case. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "CmsResponse[" + status + "]";
    }
}
