package dev.formgate.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP literals without DNS and turns them into rate-limit keys (IPv4 as-is, IPv6 as its /64). */
final class IpAddresses {
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private IpAddresses() {
    }

    /** The client key for an IP literal, or empty when the text is not one (never a DNS lookup). */
    static Optional<String> key(String text) {
        if (text != null && isDottedQuad(text)) {
            return Optional.of(text); // already its own key (what the JDK would print): the common case, no parsing
        }
        return parse(text).map(IpAddresses::keyOf);
    }

    /** Whether {@code s} is a dotted quad as the JDK prints one: four decimal octets 0 to 255, no leading zeros. */
    static boolean isDottedQuad(String s) {
        int n = s.length(), octets = 0, i = 0;
        while (i < n) {
            int start = i, value = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i++) - '0');
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && s.charAt(start) == '0' || ++octets > 4) {
                return false;
            }
            if (i < n && (s.charAt(i++) != '.' || i == n)) {
                return false;
            }
        }
        return octets == 4;
    }

    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = stripPortAndBrackets(text.trim());
        if (isDottedQuad(s)) {
            return literal(s);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.indexOf(':') < 0 || s.length() > 45 || !IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        // A string containing ':' is parsed by the JDK as an IPv6 literal, never looked up.
        return literal(s);
    }

    private static String stripPortAndBrackets(String s) {
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        var v4port = IPV4_WITH_PORT.matcher(s);
        return v4port.matches() ? v4port.group(1) : s;
    }

    private static Optional<InetAddress> literal(String s) {
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String keyOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = ((Inet6Address) address).getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        return compress(groups) + "/64";
    }

    /** RFC 5952 text: lower-case, no leading zeros, the longest run of two or more zero groups as "::". */
    static String compress(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
