package dev.formgate.delivery;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The floor of FormGate's stack, for {@code bench/run.sh}: Javalin 7 on Jetty with FormGate's server settings
 * (virtual threads, 1 KB response buffer, no per-connection header cache) doing only what the nginx key-injecting proxy does. A POST to
 * {@code /api/v1/content/contact_form} is forwarded to the CMS over FormGate's own keep-alive client with the key
 * added, and the CMS's answer relayed; every other path is a small JSON 404. No identity, origin, rate limit,
 * parsing, validation, outbox write, logging or metrics.
 *
 * <p>What it answers per second, beside nginx in the same run, is the most FormGate's stack can answer: a
 * ratio to nginx that this server misses, FormGate misses too (bench/README.md, "The stack's floor").
 *
 * <pre>java -cp target/test-classes:target/formgate.jar dev.formgate.delivery.StackFloor PORT CMS_URL KEY</pre>
 */
public final class StackFloor {
    private static final String FORWARDED = "/api/v1/content/contact_form";
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private StackFloor() {
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
            config.routes.post(FORWARDED, ctx -> {
                CmsResponse answer = cms.post(FORWARDED, headers, ctx.bodyAsBytes(), DEADLINE);
                ctx.status(answer.status()).contentType("application/json").result(answer.body());
            });
            config.routes.error(404, ctx -> ctx.contentType("application/json").result("{\"status\":404}"));
        });
        app.start("127.0.0.1", port);
    }
}
