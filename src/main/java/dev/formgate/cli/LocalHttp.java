package dev.formgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request to a server on this machine over a plain socket ({@code Connection: close}), answering the
 * status code. For {@code check --exercise} only: the JDK's HTTP client would put its own classes and the TLS
 * stack into the AOT cache this run trains, to be loaded at every start of the server, which uses neither.
 */
final class LocalHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    /** A request: method, path with query, extra headers, body (empty for none). */
    record Call(String method, String path, Map<String, String> headers, String body) {
        static Call get(String path) {
            return new Call("GET", path, new LinkedHashMap<>(), "");
        }

        static Call options(String path) {
            return new Call("OPTIONS", path, new LinkedHashMap<>(), "");
        }

        static Call post(String path, String contentType, String body, String accept) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            headers.put("Accept", accept);
            return new Call("POST", path, headers, body);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private final String host;
    private final int port;

    LocalHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends {@code call} and reads the answer to its end; the status code of its status line. */
    int send(Call call) throws IOException {
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(call.method()).append(' ').append(call.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        call.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || call.method().equals("POST")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return statusOf(socket.getInputStream());
        }
    }

    /** The status code of the answer's status line ({@code HTTP/1.1 201 Created}); reads the rest to its end. */
    static int statusOf(InputStream in) throws IOException {
        byte[] answer = in.readAllBytes();
        String statusLine = new String(answer, 0, Math.min(answer.length, 64), StandardCharsets.ISO_8859_1);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x answer: " + statusLine.lines().findFirst().orElse("(empty)"));
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("no status code in the answer: " + statusLine.lines().findFirst().orElse(""), e);
        }
    }
}
