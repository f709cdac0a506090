package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SubmitRoutesSegmentTest {
    @Test
    void one_segment_after_the_prefix_with_at_most_a_trailing_slash() {
        assertEquals("contact-form", SubmitRoutes.segment("/forms/contact-form", "/forms/"));
        assertEquals("contact-form", SubmitRoutes.segment("/forms/contact-form/", "/forms/"));
        assertEquals("contact form", SubmitRoutes.segment("/forms/contact form", "/forms/"));
        assertNull(SubmitRoutes.segment("/forms/", "/forms/"));
        assertNull(SubmitRoutes.segment("/forms", "/forms/"));
        assertNull(SubmitRoutes.segment("/forms//", "/forms/"));
        assertNull(SubmitRoutes.segment("/forms/contact-form/schema", "/forms/"));
        assertNull(SubmitRoutes.segment("/formsx/contact-form", "/forms/"));
        assertNull(SubmitRoutes.segment("/api/v1/content/contact_form", "/forms/"));
        assertNull(SubmitRoutes.segment(null, "/forms/"));
    }
}
