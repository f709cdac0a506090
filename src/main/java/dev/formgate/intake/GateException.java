package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one exception family of the request path; {@link Answers} turns it into problem+json, a redirect or a page.
 *
 * @param problem short stable slug used in the problem {@code type} URI and in error-URL redirects
 */
public final class GateException extends RuntimeException {
    private final int status;
    private final String problem;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private final transient FormDefinition form;

    private GateException(int status, String problem, String title, String detail, List<FieldError> errors,
                          Map<String, String> headers, FormDefinition form) {
        super(detail, null, false, false);
        this.status = status;
        this.problem = problem;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
        this.form = form;
    }

    public static GateException of(int status, String problem, String title, String detail) {
        return new GateException(status, problem, title, detail, List.of(), Map.of(), null);
    }

    public static GateException invalid(List<FieldError> errors) {
        return new GateException(422, "invalid", "Submission is not valid",
                errors.size() == 1 ? "1 field needs attention." : errors.size() + " fields need attention.",
                errors, Map.of(), null);
    }

    /** The same problem with response headers (Retry-After, RateLimit, ...). */
    public GateException withHeaders(Map<String, String> extra) {
        return new GateException(status, problem, title, getMessage(), errors, extra, form);
    }

    /** The same problem, tied to the form it happened on, so HTML answers can use its error URL. */
    public GateException on(FormDefinition f) {
        return new GateException(status, problem, title, getMessage(), errors, headers, f);
    }

    public int status() { return status; }
    public String problem() { return problem; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public List<FieldError> errors() { return errors; }
    public Map<String, String> headers() { return headers; }
    public Optional<FormDefinition> form() { return Optional.ofNullable(form); }
}
