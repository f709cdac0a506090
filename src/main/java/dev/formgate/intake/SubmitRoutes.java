package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.observability.HttpMetrics;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The submit paths, {@value #FORM_ROUTE} and {@value #CONTENT_ROUTE}, served by Jetty itself in front of Javalin:
 * POST submits, OPTIONS answers the preflight, other methods get 405. Every other path goes on to Javalin's routes.
 *
 * <p>Below the servlet layer a refusal costs 20 to 65 % less CPU and a submission 20 to 40 % less (bench/README.md,
 * ninth landing); these two paths take every submission and every flood, so they skip it. The answers are the
 * ones Javalin's routes gave: the same headers, problem documents, pages and redirects, the same HTTP metrics.
 */
final class SubmitRoutes extends Handler.Wrapper {
    static final String FORM_ROUTE = "/forms/{form}";
    static final String CONTENT_ROUTE = "/api/v1/content/{contentType}";
    private static final String FORMS = "/forms/";
    private static final String CONTENT = "/api/v1/content/";
    /** Encoded once: Jetty copies their bytes instead of checking and encoding each value per answer. */
    private static final List<HttpField> SECURITY_HEADERS = Routes.SECURITY_HEADERS.entrySet().stream()
            .map(h -> (HttpField) new PreEncodedHttpField(h.getKey(), h.getValue())).toList();

    private final FormRegistry forms;
    private final SubmitHandler submit;
    private final Cors cors;
    private final Answers answers;
    private final HttpMetrics metrics;

    SubmitRoutes(FormRegistry forms, SubmitHandler submit, Cors cors, Answers answers, HttpMetrics metrics) {
        this.forms = Objects.requireNonNull(forms, "forms");
        this.submit = Objects.requireNonNull(submit, "submit");
        this.cors = Objects.requireNonNull(cors, "cors");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String name;
        Supplier<FormDefinition> form;
        String route;
        if ((name = segment(path, FORMS)) != null) {
            String n = name;
            form = () -> forms.byName(n).orElseThrow(() -> Routes.unknown("form", n));
            route = FORM_ROUTE;
        } else if ((name = segment(path, CONTENT)) != null) {
            String n = name;
            form = () -> forms.byContentType(n).orElseThrow(() -> Routes.unknown("content type", n));
            route = CONTENT_ROUTE;
        } else {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        JettyExchange ex = new JettyExchange(request, response);
        SECURITY_HEADERS.forEach(response.getHeaders()::add);
        try {
            switch (request.getMethod()) {
                case "POST" -> submit.handle(ex, form);
                case "OPTIONS" -> cors.preflight(ex, form.get());
                default -> throw Routes.methodNotAllowed(request.getMethod());
            }
        } catch (Exception e) {
            answers.refuse(ex, e);
        }
        ex.send(callback);
        metrics.record(request.getMethod(), route, ex.status(), System.nanoTime() - started);
        return true;
    }

    /** The one path segment after {@code prefix} (a trailing slash allowed, as Javalin allows it), or null. */
    static String segment(String path, String prefix) {
        if (path == null || !path.startsWith(prefix)) return null;
        int end = path.length() - (path.endsWith("/") ? 1 : 0);
        if (end <= prefix.length()) return null;
        String name = path.substring(prefix.length(), end);
        return name.indexOf('/') < 0 ? name : null;
    }
}
