package dev.formgate.intake;

import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.observability.HttpMetrics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

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

    /**
     * Jetty calls {@link #handle} on the thread that parsed the request (its selector), without handing it to another
     * thread first. What may wait is handed to Jetty's executor from here (a virtual thread each): Javalin's routes,
     * and for a submission the durable write and the CMS call, a body still arriving, a rate limiter in Redis, a
     * captcha. What needs none of that is answered at once: the hand-off between threads was 10 to 30 % of a
     * refusal's CPU (bench/README.md, twelfth landing).
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String name;
        Optional<FormDefinition> found;
        Supplier<FormDefinition> form;
        String route;
        Executor waiting = request.getComponents().getExecutor();
        if ((name = segment(path, FORMS)) != null) {
            String n = name;
            found = forms.byName(n);
            form = () -> found.orElseThrow(() -> Routes.unknown("form", n));
            route = FORM_ROUTE;
        } else if ((name = segment(path, CONTENT)) != null) {
            String n = name;
            found = forms.byContentType(n);
            form = () -> found.orElseThrow(() -> Routes.unknown("content type", n));
            route = CONTENT_ROUTE;
        } else {
            hand(waiting, callback, () -> javalin(request, response, callback));
            return true;
        }
        long started = System.nanoTime();
        JettyExchange ex = new JettyExchange(request, response);
        SECURITY_HEADERS.forEach(response.getHeaders()::add);
        String method = request.getMethod();
        if (!method.equals("POST")) {
            complete(ex, () -> {
                if (!method.equals("OPTIONS")) throw Routes.methodNotAllowed(method);
                cors.preflight(ex, form.get());
            }, callback, started, route);
            return true;
        }
        post(ex, found, form, waiting, callback, started, route);
        return true;
    }

    /**
     * A submission: checked here when nothing it needs can make it wait, then handed over to be stored (or answered
     * here when refused); otherwise handed over whole.
     */
    private void post(JettyExchange ex, Optional<FormDefinition> found, Supplier<FormDefinition> form, Executor waiting,
                      Callback callback, long started, String route) {
        SubmitHandler.Attempt attempt = submit.begin(ex);
        if (found.isPresent() && (submit.checkWaits(found.get()) || !ex.bodyArrived())) {
            hand(waiting, callback, () -> conclude(ex, attempt, () -> {
                if (submit.check(attempt, form)) submit.store(attempt);
            }, callback, started, route));
            return;
        }
        boolean passed;
        try {
            passed = submit.check(attempt, form);
        } catch (RuntimeException e) {
            submit.finish(attempt);
            answers.refuse(ex, e);
            send(ex, callback, started, route);
            return;
        }
        if (passed) {
            hand(waiting, callback, () -> conclude(ex, attempt, () -> submit.store(attempt), callback, started, route));
        } else {
            conclude(ex, attempt, () -> { }, callback, started, route);
        }
    }

    /** Runs the attempt's last {@code step} and reports the attempt, then answers as {@link #complete} does. */
    private void conclude(JettyExchange ex, SubmitHandler.Attempt attempt, Runnable step, Callback callback,
                          long started, String route) {
        complete(ex, () -> {
            try {
                step.run();
            } finally {
                submit.finish(attempt);
            }
        }, callback, started, route);
    }

    /** Runs {@code step}, answers what it throws as a refusal (a bug: 500), then sends the answer. */
    private void complete(JettyExchange ex, Runnable step, Callback callback, long started, String route) {
        try {
            step.run();
        } catch (RuntimeException e) {
            answers.refuse(ex, e);
        }
        send(ex, callback, started, route);
    }

    private void send(JettyExchange ex, Callback callback, long started, String route) {
        ex.send(callback);
        metrics.record(ex.method(), route, ex.status(), System.nanoTime() - started);
    }

    /** Javalin's routes, which may wait (servlet I/O), on a thread of their own; as Jetty would call them. */
    private void javalin(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    /**
     * Hands {@code work} to {@code executor}; the request fails if it cannot run (the server is stopping) or ends in an
     * error.
     */
    private static void hand(Executor executor, Callback callback, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    callback.failed(t);
                }
            });
        } catch (RejectedExecutionException e) {
            callback.failed(e);
        }
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
