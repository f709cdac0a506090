package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.formgate.config.Secret;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlotiqKeysTest {
    @Test
    void global_key_serves_every_form() {
        FlotiqKeys keys = new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "global"));

        assertEquals(Optional.of(new Secret("global")), keys.forForm("contact-form"));
        assertTrue(keys.any());
    }

    @Test
    void per_form_key_wins_with_upper_case_and_underscores() {
        FlotiqKeys keys = new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "global", "FLOTIQ_API_KEY_CONTACT_FORM", "own"));

        assertEquals(Optional.of(new Secret("own")), keys.forForm("contact-form"));
        assertEquals(Optional.of(new Secret("global")), keys.forForm("newsletter"));
    }

    @Test
    void blank_or_absent_keys_mean_local_mode() {
        FlotiqKeys keys = new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "  ", "FLOTIQ_API_KEY_NEWS", "", "PATH", "/bin"));

        assertEquals(Optional.empty(), keys.forForm("news"));
        assertFalse(keys.any());
    }

    @Test
    void to_string_names_forms_but_never_keys() {
        FlotiqKeys keys = new FlotiqKeys(Map.of("FLOTIQ_API_KEY", "top-secret-1", "FLOTIQ_API_KEY_NEWS", "top-secret-2"));

        String text = keys.toString();

        assertTrue(text.contains("NEWS"), text);
        assertFalse(text.contains("top-secret"), text);
    }
}
