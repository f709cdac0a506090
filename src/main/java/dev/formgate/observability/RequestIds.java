package dev.formgate.observability;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Takes {@code X-Request-Id} from the request when it is short and plain, or makes one; echoes it on every answer. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static String assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(HEADER, id);
        ctx.header(HEADER, id);
        return id;
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(HEADER);
        return id == null ? "-" : id;
    }
}
