package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formgate.config.Json;
import dev.formgate.guard.OriginPolicy;
import dev.formgate.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private final ObjectMapper json = Json.mapper();
    private final Answers answers = new Answers(json, new OriginPolicy(Set.of()));

    @Test
    void a_problem_document_groups_each_fields_errors_in_the_order_given() throws Exception {
        GateException e = GateException.invalid(List.of(
                new FieldError("email", "format", "must be a valid email address"),
                new FieldError("name", "required", "is required"),
                new FieldError("email", "maxLength", "must be at most 254 characters")));

        String written = new String(answers.problem(e), StandardCharsets.UTF_8);

        assertEquals("{\"type\":\"urn:formgate:problem:invalid\",\"title\":\"Submission is not valid\",\"status\":422,"
                + "\"detail\":\"3 fields need attention.\",\"errors\":{"
                + "\"email\":[{\"code\":\"format\",\"message\":\"must be a valid email address\"},"
                + "{\"code\":\"maxLength\",\"message\":\"must be at most 254 characters\"}],"
                + "\"name\":[{\"code\":\"required\",\"message\":\"is required\"}]}}", written);
    }

    @Test
    void a_problem_without_field_errors_has_no_errors_member_and_escapes_what_it_quotes() throws Exception {
        GateException e = GateException.of(404, "unknown-form", "Unknown form",
                "There is no form named \"<x>\u00e9\" on this FormGate.");

        String written = new String(answers.problem(e), StandardCharsets.UTF_8);

        assertEquals("{\"type\":\"urn:formgate:problem:unknown-form\",\"title\":\"Unknown form\",\"status\":404,"
                + "\"detail\":\"There is no form named \\\"<x>\u00e9\\\" on this FormGate.\"}", written);
        assertEquals("There is no form named \"<x>\u00e9\" on this FormGate.", json.readTree(written).get("detail").asText());
    }
}
