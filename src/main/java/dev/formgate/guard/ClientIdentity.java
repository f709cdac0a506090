package dev.formgate.guard;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides who the client is, trusting forwarding headers only as far as the configured proxy.
 *
 * <p>{@code FORMGATE_TRUSTED_PROXY}: {@code none} (TCP peer; forwarding headers ignored), {@code fly}
 * ({@code Fly-Client-IP}), {@code cloudflare} ({@code CF-Connecting-IP}), {@code xff:N} (N-th address
 * from the right of {@code X-Forwarded-For}, N &gt;= 1; {@code xff:1} is the address the nearest
 * trusted proxy appended). A missing, short or garbage header falls back to the peer address.
 */
public final class ClientIdentity {
    private static final String USAGE = "use none, fly, cloudflare or xff:N with N >= 1";

    private final String mode;
    private final String header;
    private final int hopFromRight;

    private ClientIdentity(String mode, String header, int hopFromRight) {
        this.mode = mode;
        this.header = header;
        this.hopFromRight = hopFromRight;
    }

    /** Parses a trusted-proxy mode; throws {@link IllegalArgumentException} naming the value and the fix. */
    public static ClientIdentity parse(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "none":
                return new ClientIdentity(m, null, 0);
            case "fly":
                return new ClientIdentity(m, "Fly-Client-IP", 0);
            case "cloudflare":
                return new ClientIdentity(m, "CF-Connecting-IP", 0);
            default:
                return parseXff(mode, m);
        }
    }

    private static ClientIdentity parseXff(String original, String m) {
        if (!m.startsWith("xff:")) {
            throw invalid(original, "unknown mode");
        }
        int n;
        try {
            n = Integer.parseInt(m.substring(4));
        } catch (NumberFormatException e) {
            throw invalid(original, "N must be a whole number");
        }
        if (n < 1) {
            throw invalid(original, "N must be >= 1");
        }
        return new ClientIdentity("xff:" + n, "X-Forwarded-For", n);
    }

    private static IllegalArgumentException invalid(String value, String problem) {
        return new IllegalArgumentException(
                "FORMGATE_TRUSTED_PROXY \"" + value + "\": " + problem + " (" + USAGE + ")");
    }

    /**
     * Returns the client key: IPv4 as-is, IPv6 reduced to its /64 ("2001:db8:1:2::/64").
     * Falls back to the peer when the header is missing/garbage.
     *
     * @param peerAddress the TCP peer address as the server reports it
     * @param header      looks up a request header by name, returning null when absent
     */
    public String clientKey(String peerAddress, Function<String, String> header) {
        Objects.requireNonNull(header, "header");
        if (this.header != null) {
            String forwarded = pick(header.apply(this.header));
            var key = IpAddresses.key(forwarded);
            if (key.isPresent()) {
                return key.get();
            }
        }
        return IpAddresses.key(peerAddress).orElse(peerAddress == null ? "unknown" : peerAddress.trim());
    }

    private String pick(String value) {
        if (value == null || hopFromRight == 0) {
            return value;
        }
        String[] hops = value.split(",", -1);
        int index = hops.length - hopFromRight;
        return index >= 0 ? hops[index].trim() : null;
    }

    /** The normalized mode, e.g. {@code "xff:2"}. */
    public String mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + mode + "]";
    }
}
