package dev.formgate.observability;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Takes {@code X-Request-Id} from the request when it is short and plain, or makes one; echoes it on every answer. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static String assign(Context ctx) {
        String id = choose(ctx.header(HEADER));
        ctx.attribute(HEADER, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The client's {@code X-Request-Id} when it is short and plain, else a new one. */
    public static String choose(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : generated();
    }

    /**
     * A random (version 4) UUID from a non-cryptographic generator: a request id correlates log lines and answers and
     * guards nothing, so it need not cost a call into the shared {@code SecureRandom} on every request.
     */
    static String generated() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(HEADER);
        return id == null ? "-" : id;
    }
}
