package dev.formgate.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where a CMS listens, from its base URL ({@code http} or {@code https}, any port, an optional path prefix):
 * opens sockets to it and writes the bytes of a request addressed to it.
 *
 * <p>Over https the server's certificate must match the host name (hostname verification on, SNI sent).
 */
final class CmsEndpoint {
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String pathPrefix;
    private final Optional<SSLSocketFactory> tls;

    /** {@code tls} is asked only for an https URL. */
    CmsEndpoint(URI baseUrl, Supplier<SSLContext> tls) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        boolean https = "https".equalsIgnoreCase(baseUrl.getScheme());
        if (!https && !"http".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + baseUrl);
        }
        int defaultPort = https ? 443 : 80;
        this.port = baseUrl.getPort() < 0 ? defaultPort : baseUrl.getPort();
        this.hostHeader = baseUrl.getHost() + (port == defaultPort ? "" : ":" + port);
        this.host = baseUrl.getHost().replace("[", "").replace("]", ""); // an IPv6 literal without its brackets
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.tls = https ? Optional.of(tls.get().getSocketFactory()) : Optional.empty();
    }

    /** The JVM's default TLS set-up (the system's trusted certificates). */
    static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context in this JVM", e);
        }
    }

    /** A connected TCP socket (no read timeout). */
    Socket connect(int connectMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The socket to talk over {@code plain}: over https a TLS socket whose handshake is done within
     * {@code handshakeMillis} (so a certificate problem shows here) and which then reads without a timeout; over
     * http {@code plain} itself. Closing the TLS socket closes {@code plain}.
     */
    Socket secure(Socket plain, int handshakeMillis) throws IOException {
        return tls.isPresent() ? handshake(plain, handshakeMillis) : plain;
    }

    private Socket handshake(Socket plain, int handshakeMillis) throws IOException {
        SSLSocket socket = (SSLSocket) tls.orElseThrow().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!ipLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(handshakeMillis);
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }

    /**
     * A POST of {@code body} to {@code path} (below the base URL's path) as one byte array: request line, Host,
     * the given headers, Content-Length, body. A header value or path with control or non-ASCII characters is
     * refused with {@link IllegalArgumentException}, whose message holds no value.
     */
    byte[] post(String path, Map<String, String> headers, byte[] body) {
        if (path.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("path holds a space");
        }
        StringBuilder head = new StringBuilder(256).append("POST ").append(pathPrefix).append(checked(path, "path"))
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(checked(value, name)).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static String checked(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                throw new IllegalArgumentException(what + " holds a control or non-ASCII character");
            }
        }
        return value;
    }

    private static boolean ipLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    @Override
    public String toString() {
        return (tls.isPresent() ? "https://" : "http://") + hostHeader + pathPrefix;
    }
}
