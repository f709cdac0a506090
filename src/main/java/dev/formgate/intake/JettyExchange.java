package dev.formgate.intake;

import dev.formgate.observability.RequestIds;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@link Exchange} over Jetty's own request and response, below the servlet layer: the submit paths' adapter. The
 * answer is kept until {@link #send} writes it in one go, with its length.
 */
final class JettyExchange implements Exchange {
    private static final byte[] NONE = new byte[0];

    private final Request request;
    private final Response response;
    private final HttpFields.Mutable headers;
    private final String requestId;
    private String contentType;
    private byte[] body = NONE;
    private Body kept;
    /** The body as far as {@link #bodyArrived} took it, and why it stopped short, if it did. */
    private byte[] arrived;
    private int arrivedLength;
    private Throwable failure;

    JettyExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.headers = response.getHeaders();
        this.requestId = RequestIds.choose(request.getHeaders().get(RequestIds.HEADER));
        headers.put(RequestIds.HEADER, requestId);
        response.setStatus(200);
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return Request.getPathInContext(request);
    }

    @Override
    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    @Override
    public long contentLength() {
        return request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    }

    @Override
    public InputStream body() {
        if (arrived == null) return Request.asInputStream(request);
        InputStream head = new ByteArrayInputStream(arrived, 0, arrivedLength);
        if (arrivedLength == arrived.length) return head;
        InputStream rest = failure == null ? Request.asInputStream(request) : new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(failure);
            }
        };
        return new SequenceInputStream(head, rest);
    }

    /**
     * Takes what has arrived of a small declared body without waiting for more; true when that is all of it, so
     * reading {@link #body} will not wait. Bodies of unknown length or over {@link BodyReader#EXACT_READ_MAX} are left
     * to {@link #body}, to be read as they arrive. Taking what has arrived does not send a {@code 100 Continue} to a
     * client that waits for one; only {@link #body} asks for the rest.
     */
    boolean bodyArrived() {
        long declared = contentLength();
        if (declared < 0 || declared > BodyReader.EXACT_READ_MAX) {
            return false;
        }
        if (arrived == null) arrived = new byte[(int) declared];
        while (arrivedLength < arrived.length && failure == null) {
            Content.Chunk chunk = request.read();
            if (chunk == null) return false;
            if (Content.Chunk.isFailure(chunk)) {
                failure = chunk.getFailure();
                return false;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = Math.min(bytes.remaining(), arrived.length - arrivedLength);
            bytes.get(arrived, arrivedLength, n);
            arrivedLength += n;
            chunk.release();
            if (chunk.isLast() && arrivedLength < arrived.length) failure = new EOFException("body shorter than declared");
        }
        return failure == null;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public Exchange header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override
    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    @Override
    public int status() {
        return response.getStatus();
    }

    @Override
    public void result(String type, byte[] bytes) {
        this.contentType = type;
        this.body = bytes;
    }

    @Override
    public void redirect(String location) {
        headers.put(HttpHeader.LOCATION, location);
        response.setStatus(303);
        contentType = null;
        body = NONE;
    }

    @Override
    public void keep(Body parsed) {
        kept = parsed;
    }

    @Override
    public Optional<Body> kept() {
        return Optional.ofNullable(kept);
    }

    /** Writes the answer and completes the exchange through {@code callback}. */
    void send(Callback callback) {
        // A refusal before the body was read: what has arrived is skipped. If the rest has not arrived, the connection
        // cannot be reused, and the answer says so (as the servlet layer did) instead of the client finding it closed.
        if (!request.consumeAvailable()) headers.put(HttpHeader.CONNECTION, "close");
        if (contentType != null) headers.put(HttpHeader.CONTENT_TYPE, contentType);
        int status = response.getStatus();
        if (status != 204 && status != 304) headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
