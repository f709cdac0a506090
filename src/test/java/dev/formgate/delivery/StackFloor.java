package dev.formgate.delivery;

import dev.formgate.intake.Routes;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * The floor of FormGate's stack, for {@code bench/run.sh}: Javalin 7 on Jetty with FormGate's server settings
 * (virtual threads, 1 KB response buffer, no per-connection header cache) doing only what the nginx key-injecting
 * proxy does. As in FormGate, the submit paths under {@code /api/v1/content/} are served by a non-blocking Jetty
 * handler in front of Javalin, on one selector per core (FormGate's {@code intake.SubmitRoutes}): a POST to
 * {@code /api/v1/content/contact_form} is forwarded on a virtual thread to the CMS over FormGate's own keep-alive
 * client with the key added and the CMS's answer relayed; any other content type is a small JSON 404 answered on the
 * selector; every other path is Javalin's JSON 404, on a virtual thread. No identity, origin, rate limit, parsing,
 * validation, outbox write, logging or metrics.
 *
 * <p>What it answers per second, beside nginx in the same run, is the most FormGate's stack can answer: a
 * ratio to nginx that this server misses, FormGate misses too (bench/README.md, "The stack's floor").
 *
 * <pre>java -cp target/test-classes:target/formgate.jar dev.formgate.delivery.StackFloor PORT CMS_URL KEY</pre>
 */
public final class StackFloor {
    private static final String CONTENT = "/api/v1/content/";
    private static final String FORWARDED = CONTENT + "contact_form";
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final byte[] NOT_FOUND = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);

    private StackFloor() {
    }

    private static void answer(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: StackFloor PORT CMS_URL KEY");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        CmsConnections cms = new CmsConnections(URI.create(args[1]));
        Map<String, String> headers = Map.of("X-AUTH-TOKEN", args[2], "Content-Type", "application/json");
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.responseBufferSize = 1024;
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            Routes.oneSelectorPerCore(config);
            config.jetty.modifyServer(server -> server.insertHandler(new Handler.Wrapper() {
                @Override
                public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING; // as SubmitRoutes: answered on the selector, forwarded on a virtual thread
                }

                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    Executor waiting = request.getComponents().getExecutor();
                    String path = Request.getPathInContext(request);
                    if (!path.startsWith(CONTENT)) {
                        waiting.execute(() -> {
                            try {
                                if (!super.handle(request, response, callback)) callback.failed(new IllegalStateException("unhandled"));
                            } catch (Throwable t) {
                                callback.failed(t);
                            }
                        });
                        return true;
                    }
                    if (path.equals(FORWARDED) && request.getMethod().equals("POST")) {
                        waiting.execute(() -> {
                            try (InputStream in = Request.asInputStream(request)) {
                                CmsResponse answer = cms.post(FORWARDED, headers, in.readAllBytes(), DEADLINE);
                                answer(response, callback, answer.status(), answer.body().getBytes(StandardCharsets.UTF_8));
                            } catch (Throwable t) {
                                callback.failed(t);
                            }
                        });
                        return true;
                    }
                    answer(response, callback, 404, NOT_FOUND);
                    return true;
                }
            }));
            config.routes.error(404, ctx -> ctx.contentType("application/json").result(NOT_FOUND));
        });
        app.start("127.0.0.1", port);
    }
}
