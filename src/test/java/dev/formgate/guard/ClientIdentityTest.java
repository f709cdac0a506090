package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdentityTest {
    private static Function<String, String> headers(Map<String, String> values) {
        return name -> values.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Test
    void none_mode_ignores_spoofed_forwarding_headers() {
        ClientIdentity identity = ClientIdentity.parse("none");
        var spoofed = headers(Map.of("X-Forwarded-For", "1.1.1.1", "Fly-Client-IP", "2.2.2.2",
                "CF-Connecting-IP", "3.3.3.3"));

        String key = identity.clientKey("203.0.113.9", spoofed);

        assertEquals("203.0.113.9", key);
    }

    @Test
    void fly_mode_uses_fly_client_ip() {
        ClientIdentity identity = ClientIdentity.parse("fly");

        String key = identity.clientKey("172.16.0.2", headers(Map.of("Fly-Client-IP", "198.51.100.7",
                "X-Forwarded-For", "9.9.9.9")));

        assertEquals("198.51.100.7", key);
    }

    @Test
    void cloudflare_mode_uses_cf_connecting_ip() {
        ClientIdentity identity = ClientIdentity.parse("cloudflare");

        String key = identity.clientKey("172.16.0.2", headers(Map.of("CF-Connecting-IP", "198.51.100.8")));

        assertEquals("198.51.100.8", key);
    }

    @Test
    void xff_2_takes_the_second_address_from_the_right_and_ignores_what_the_client_prepended() {
        ClientIdentity identity = ClientIdentity.parse("xff:2");

        String key = identity.clientKey("10.0.0.1",
                headers(Map.of("X-Forwarded-For", "6.6.6.6, 198.51.100.20, 10.0.0.7")));

        assertEquals("198.51.100.20", key);
    }

    @Test
    void xff_1_takes_the_rightmost_address() {
        ClientIdentity identity = ClientIdentity.parse("XFF:1");

        String key = identity.clientKey("10.0.0.1", headers(Map.of("X-Forwarded-For", "6.6.6.6,198.51.100.21")));

        assertEquals("198.51.100.21", key);
        assertEquals("xff:1", identity.mode());
    }

    @Test
    void xff_with_fewer_hops_than_configured_falls_back_to_the_peer() {
        ClientIdentity identity = ClientIdentity.parse("xff:3");

        String key = identity.clientKey("10.0.0.1", headers(Map.of("X-Forwarded-For", "198.51.100.20, 10.0.0.7")));

        assertEquals("10.0.0.1", key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "not-an-ip", "evil.example.com", "999.1.1.1", "1.2.3", "::g", "1.2.3.4.5"})
    void garbage_header_falls_back_to_the_peer(String garbage) {
        ClientIdentity identity = ClientIdentity.parse("fly");

        String key = identity.clientKey("192.0.2.1", headers(Map.of("Fly-Client-IP", garbage)));

        assertEquals("192.0.2.1", key);
    }

    @Test
    void missing_header_falls_back_to_the_peer() {
        ClientIdentity identity = ClientIdentity.parse("cloudflare");

        String key = identity.clientKey("192.0.2.1", name -> null);

        assertEquals("192.0.2.1", key);
    }

    @Test
    void ipv6_is_reduced_to_its_64_prefix() {
        ClientIdentity identity = ClientIdentity.parse("none");

        String a = identity.clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd", name -> null);
        String b = identity.clientKey("[2001:0DB8:0001:0002::1]", name -> null);

        assertEquals("2001:db8:1:2::/64", a);
        assertEquals(a, b);
    }

    @Test
    void ipv6_prefix_is_written_in_rfc5952_form() {
        ClientIdentity identity = ClientIdentity.parse("fly");

        assertEquals("2001:db8::/64", identity.clientKey("x", headers(Map.of("Fly-Client-IP", "2001:db8:0:0:1::1"))));
        assertEquals("::/64", identity.clientKey("::1", name -> null));
        assertEquals("2001:0:1::/64", identity.clientKey("2001:0:1:0::9", name -> null));
    }

    @Test
    void ipv4_mapped_ipv6_and_ports_are_keyed_as_plain_ipv4() {
        ClientIdentity identity = ClientIdentity.parse("xff:1");

        assertEquals("198.51.100.5", identity.clientKey("x", headers(Map.of("X-Forwarded-For", "::ffff:198.51.100.5"))));
        assertEquals("198.51.100.6", identity.clientKey("x", headers(Map.of("X-Forwarded-For", "198.51.100.6:4711"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xff:0", "foo", "xff:", "xff:-1", "xff:two", ""})
    void bad_mode_is_rejected_with_a_clear_message(String mode) {
        var e = assertThrows(IllegalArgumentException.class, () -> ClientIdentity.parse(mode));

        assertTrue(e.getMessage().contains("FORMGATE_TRUSTED_PROXY \"" + mode + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("none, fly, cloudflare or xff:N"), e.getMessage());
    }

    @Test
    void null_mode_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> ClientIdentity.parse(null));
    }
}
