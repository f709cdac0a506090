package dev.formgate.intake;

import dev.formgate.observability.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** {@link Exchange} over a Javalin context: the refusals of the routes Javalin serves (unknown paths, 405, schema). */
final class JavalinExchange implements Exchange {
    private final Context ctx;
    private Body kept;

    JavalinExchange(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String remoteAddress() {
        return ctx.req().getRemoteAddr();
    }

    @Override
    public long contentLength() {
        return ctx.req().getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
        return ctx.req().getInputStream();
    }

    @Override
    public String requestId() {
        return RequestIds.of(ctx);
    }

    @Override
    public Exchange header(String name, String value) {
        ctx.header(name, value);
        return this;
    }

    @Override
    public Exchange status(int status) {
        ctx.status(status);
        return this;
    }

    @Override
    public int status() {
        return ctx.statusCode();
    }

    @Override
    public void result(String contentType, byte[] body) {
        ctx.contentType(contentType).result(body);
    }

    @Override
    public void redirect(String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    @Override
    public void keep(Body body) {
        kept = body;
    }

    @Override
    public Optional<Body> kept() {
        return Optional.ofNullable(kept);
    }
}
