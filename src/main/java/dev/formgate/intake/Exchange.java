package dev.formgate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One HTTP request and its answer, as the submit pipeline sees them: the few things it reads and writes.
 *
 * <p>Submissions and their preflights are served by Jetty directly ({@link JettyExchange}, under {@link SubmitRoutes});
 * Javalin's routes answer their refusals through {@link JavalinExchange}. Headers are matched case-insensitively.
 */
interface Exchange {
    /** A request header, or null. */
    String header(String name);

    String method();

    String path();

    /** The peer's IP address as text (the proxy's, behind one). */
    String remoteAddress();

    /** The declared body length, or -1 when the body is chunked or absent. */
    long contentLength();

    /** The request body as it arrives. */
    InputStream body() throws IOException;

    /** The request's id (from {@code X-Request-Id} or made), echoed on its answer. */
    String requestId();

    /** Sets a response header, replacing an earlier value. */
    Exchange header(String name, String value);

    Exchange status(int status);

    int status();

    /** The answer's body and its type; the last call wins. */
    void result(String contentType, byte[] body);

    /** A {@code 303 See Other} to {@code location}, without a body. */
    void redirect(String location);

    /** Keeps the parsed body with the request, so a refusal after reading it can echo the values. */
    void keep(Body body);

    Optional<Body> kept();
}
