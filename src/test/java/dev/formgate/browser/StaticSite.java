package dev.formgate.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A static site on its own origin ({@code http://127.0.0.1:<port>}) serving the pages in
 * {@code src/test/resources/site/}, with {@code {{NAME}}} placeholders filled in (FormGate's URL, the script hash).
 */
final class StaticSite implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    StaticSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "static-site");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String page) {
        return origin() + "/" + page;
    }

    /** Serves a page built by the test (e.g. from the README) at {@code /name}. */
    StaticSite page(String name, String html) {
        pages.put(name, html);
        return this;
    }

    /** Fills {@code {{name}}} in every page served from now on. */
    StaticSite set(String name, String value) {
        values.put(name, value);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.equals("/") ? "index.html" : path.substring(1);
            String page = pages.containsKey(name) ? pages.get(name) : resource(name);
            if (page == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            for (Map.Entry<String, String> v : values.entrySet()) page = page.replace("{{" + v.getKey() + "}}", v.getValue());
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String resource(String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.html")) return null;
        try (InputStream in = StaticSite.class.getResourceAsStream("/site/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
