package dev.formgate.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(Set.of("https://Example.com/", "http://localhost:8080"));

    @ParameterizedTest
    @CsvSource({
            "https://example.com,https://example.com",
            "HTTPS://EXAMPLE.COM/,https://example.com",
            "https://example.com:443,https://example.com",
            "http://example.com:80,http://example.com",
            "http://example.com:443,http://example.com:443",
            "https://example.com:8443,https://example.com:8443",
            "' https://www.example.com ',https://www.example.com",
            "http://[::1]:8080,http://[::1]:8080",
            "https://xn--bcher-kva.example,https://xn--bcher-kva.example",
            "https://a23456789012345678901234567890123456789012345678901234567890123.example,https://a23456789012345678901234567890123456789012345678901234567890123.example"})
    void normalizes_configured_origins(String origin, String normalized) {
        assertEquals(normalized, OriginPolicy.normalize(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "ftp://example.com", "https://example.com/path", "https://example.com?q=1",
            "https://user@example.com", "https://", "https://exa mple.com", "javascript:alert(1)", "",
            "https://a234567890123456789012345678901234567890123456789012345678901234.example", "https://bücher.example"})
    void rejects_configured_values_that_are_not_bare_http_origins(String origin) {
        assertThrows(IllegalArgumentException.class, () -> OriginPolicy.normalize(origin));
    }

    @Test
    void rejects_null_configured_origin() {
        assertThrows(IllegalArgumentException.class, () -> OriginPolicy.normalize(null));
    }

    @Test
    void allows_exact_origin_after_normalization() {
        assertTrue(policy.allowed("https://example.com", Set.of()));
        assertTrue(policy.allowed("https://EXAMPLE.com:443", Set.of()));
        assertTrue(policy.allowed("http://localhost:8080", Set.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com.evil.com", "https://evilexample.com", "https://evil.com/https://example.com",
            "http://example.com", "https://sub.example.com", "https://example.com:8443", "http://localhost:8081",
            "null", "", "https://example.com@evil.com", "https://example.com/path", "https://example.com."})
    void rejects_look_alikes_and_malformed_origins(String origin) {
        assertFalse(policy.allowed(origin, Set.of()));
    }

    @Test
    void rejects_missing_origin() {
        assertFalse(policy.allowed(null, Set.of()));
    }

    @Test
    void a_form_list_adds_to_the_global_list() {
        Set<String> formOrigins = Set.of("https://other.example.org");

        assertTrue(policy.allowed("https://other.example.org", formOrigins));
        assertTrue(policy.allowed("https://example.com", formOrigins));
        assertFalse(policy.allowed("https://other.example.org", Set.of()));
    }

    @Test
    void a_form_list_is_applied_as_given_each_time_whatever_its_spelling() {
        Set<String> own = Set.of("HTTPS://Other.Example.org:443/");
        Set<String> another = Set.of("https://third.example.net");

        for (int round = 0; round < 2; round++) { // the second round is answered from the kept unions
            assertTrue(policy.allowed("https://other.example.org", own));
            assertTrue(policy.allowed("https://OTHER.example.org", new HashSet<>(own)));
            assertFalse(policy.allowed("https://third.example.net", own));
            assertTrue(policy.allowed("https://third.example.net", another));
            assertFalse(policy.allowed("https://other.example.org", another));
            assertTrue(policy.allowed("https://example.com", another));
        }
    }

    @Test
    void many_distinct_form_lists_each_keep_their_own_origins() {
        for (int i = 0; i < 600; i++) {
            Set<String> own = Set.of("https://form" + i + ".example");
            assertTrue(policy.allowed("https://form" + i + ".example", own), "list " + i);
            assertFalse(policy.allowed("https://form" + (i + 1) + ".example", own), "list " + i);
        }
        assertTrue(policy.keptLists() <= 256, "kept " + policy.keptLists());
    }

    @Test
    void repeated_and_many_distinct_origins_get_the_same_verdicts() {
        for (int round = 0; round < 2; round++) { // the second round is answered from the kept origins
            assertTrue(policy.allowed("HTTPS://EXAMPLE.com:443", Set.of()));
            assertFalse(policy.allowed("https://evil.example", Set.of()));
            assertFalse(policy.allowed("https://example.com/path", Set.of()));
            assertTrue(policy.allowed("https://evil.example", Set.of("https://evil.example")));
        }
        for (int i = 0; i < 3000; i++) { // more than are kept
            assertFalse(policy.allowed("https://flood" + i + ".example", Set.of()), "origin " + i);
            assertTrue(policy.allowed("HTTPS://Example.com", Set.of()), "after origin " + i);
        }
        assertTrue(policy.keptOrigins() <= 1024, "kept " + policy.keptOrigins());
    }

    @Test
    void an_overlong_origin_header_is_judged_but_not_kept() {
        OriginPolicy fresh = new OriginPolicy(Set.of("https://example.com"));
        String overlong = "https://" + "a".repeat(4000) + ".example";

        assertFalse(fresh.allowed(overlong, Set.of()));
        assertFalse(fresh.allowed(overlong, Set.of()));
        assertEquals(0, fresh.keptOrigins());
        assertFalse(fresh.allowed("https://evil.example", Set.of()));
        assertEquals(1, fresh.keptOrigins());
    }

    @Test
    void a_star_sent_as_the_origin_is_refused_even_where_any_origin_may_post() {
        assertFalse(new OriginPolicy(Set.of("*")).allowed("*", Set.of()));
        assertFalse(policy.allowed("*", Set.of("*")));
        assertTrue(policy.allowed("https://anything.example", Set.of("*")));
    }

    @Test
    void star_allows_any_well_formed_origin_to_post_but_no_redirect() {
        OriginPolicy open = new OriginPolicy(Set.of("*"));

        assertTrue(open.allowed("https://anything.example", Set.of()));
        assertFalse(open.allowed("null", Set.of()));
        assertFalse(open.redirectAllowed("https://anything.example/thanks", Set.of()));
    }

    @Test
    void no_origins_configured_allows_nothing() {
        assertFalse(new OriginPolicy(Set.of()).allowed("https://example.com", Set.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/thanks", "https://example.com/thanks?x=1#top", "HTTPS://EXAMPLE.COM:443/",
            "http://localhost:8080/ok.html"})
    void allows_redirects_to_allowed_origins(String url) {
        assertTrue(policy.redirectAllowed(url, Set.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/thanks", "thanks.html", "//evil.com", "//example.com/thanks", "javascript:alert(1)",
            "JavaScript://example.com/%0aalert(1)", "data:text/html,hi", "https://example.com.evil.com/thanks",
            "https://example.com@evil.com/", "https://evil.com/https://example.com", "https:\\\\evil.com",
            "https://example.com\\@evil.com", "https://example.com/\nLocation: https://evil.com", " https://example.com/",
            "http://example.com/thanks", "ftp://example.com/x", ""})
    void rejects_open_redirect_targets(String url) {
        assertFalse(policy.redirectAllowed(url, Set.of()));
    }

    @Test
    void rejects_null_redirect() {
        assertFalse(policy.redirectAllowed(null, Set.of()));
    }

    @Test
    void redirects_follow_the_form_list_and_the_global_list() {
        Set<String> formOrigins = Set.of("https://other.example.org");

        assertTrue(policy.redirectAllowed("https://other.example.org/done", formOrigins));
        assertTrue(policy.redirectAllowed("https://example.com/done", formOrigins));
        assertFalse(policy.redirectAllowed("https://other.example.org/done", Set.of()));
    }

    @Test
    void origin_of_extracts_a_normalized_origin_from_a_referer() {
        assertEquals(Optional.of("https://example.com"), OriginPolicy.originOf("https://Example.com:443/contact?x=1"));
        assertEquals(Optional.empty(), OriginPolicy.originOf("/contact"));
    }
}
