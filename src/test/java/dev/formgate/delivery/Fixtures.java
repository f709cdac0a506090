package dev.formgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.SplittableRandom;

/** Small builders shared by the delivery tests. */
final class Fixtures {
    static final String FORM = "contact-form";
    static final String TYPE = "contact_form";

    private final Clock clock;
    private final SubmissionIds ids;

    Fixtures(Clock clock) {
        this.clock = clock;
        this.ids = new SubmissionIds(clock, new SplittableRandom(42));
    }

    Submission contact(String name) {
        return submission(FORM, TYPE, payload(name, name.toLowerCase() + "@example.com", "Hello from " + name));
    }

    Submission submission(String form, String type, ObjectNode payload) {
        return new Submission(ids.next(), form, type, payload, clock.instant());
    }

    static ObjectNode payload(String name, String email, String message) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        if (name != null) {
            node.put("name", name);
        }
        if (email != null) {
            node.put("email", email);
        }
        if (message != null) {
            node.put("message", message);
        }
        return node;
    }
}
