package dev.formgate.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A tiny HTTP/1.1 server on a real socket for client tests: it counts the connections it accepts and closes, reads
 * each request, and answers it with the next scripted {@link Reply} (raw bytes, so any framing or fault can be sent).
 * Without a script it answers {@code 200} with a small JSON body and keeps the connection open.
 *
 * <p>As {@code @RegisterExtension final ScriptedServer server = ScriptedServer.http();} it is closed after each test,
 * with the clients it made ({@link #client()}).
 */
final class ScriptedServer implements AutoCloseable, AfterEachCallback {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

    /**
     * What to do with one request: write {@code text} (at once, or a byte every {@code paceMillis}), then close the
     * connection or not; or never answer.
     */
    record Reply(String text, boolean close, boolean silent, long paceMillis) {
        static Reply of(String text) {
            return new Reply(text, false, false, 0);
        }

        /** Writes the text, then closes the connection without saying so in a header. */
        static Reply thenClose(String text) {
            return new Reply(text, true, false, 0);
        }

        /** Closes the connection without answering. */
        static Reply drop() {
            return new Reply("", true, false, 0);
        }

        /** Never answers (until the server closes). */
        static Reply hang() {
            return new Reply("", false, true, 0);
        }

        /** Writes the text one byte at a time, each after a pause. */
        static Reply trickle(String text, long paceMillis) {
            return new Reply(text, false, false, paceMillis);
        }
    }

    private final ServerSocket server;
    private final String scheme;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<CmsConnections> clients = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int holdUntilRequests;

    private ScriptedServer(ServerSocket server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        Thread acceptor = new Thread(this::accept, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ScriptedServer http() {
        try {
            return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScriptedServer https(SSLContext tls) {
        try {
            return new ScriptedServer(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
    }

    URI baseUrl(String host, String path) {
        return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + path);
    }

    /** A client of this server, closed with it. */
    synchronized CmsConnections client() {
        CmsConnections client = new CmsConnections(baseUrl());
        clients.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Answers the next requests with these replies, in order. */
    ScriptedServer reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Holds every answer until this many requests have arrived in all (so calls overlap). */
    ScriptedServer holdUntil(int requests) {
        holdUntilRequests = requests;
        return this;
    }

    int accepted() {
        return accepted.get();
    }

    int closed() {
        return closed.get();
    }

    /** Each request's head as received (request line and headers, CRLF-separated) followed by its body. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        stopped.countDown();
        synchronized (this) {
            clients.forEach(CmsConnections::close);
        }
        try {
            server.close();
            synchronized (this) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        } catch (IOException ignored) {
            // the test is over
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                synchronized (this) {
                    sockets.add(socket);
                }
                Thread t = new Thread(() -> serve(socket), "scripted-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                Reply reply = record(request);
                awaitHold();
                if (reply.silent()) {
                    stopped.await();
                    return;
                }
                write(socket.getOutputStream(), reply);
                if (reply.close()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or failed the handshake
        } finally {
            closed.incrementAndGet();
        }
    }

    private static void write(OutputStream out, Reply reply) throws IOException, InterruptedException {
        byte[] bytes = reply.text().getBytes(StandardCharsets.UTF_8);
        if (reply.paceMillis() == 0) {
            out.write(bytes);
        } else {
            for (byte b : bytes) {
                Thread.sleep(reply.paceMillis());
                out.write(b);
                out.flush();
            }
        }
        out.flush();
    }

    private synchronized Reply record(String request) {
        requests.add(request);
        notifyAll();
        Reply next = script.poll();
        return next == null ? Reply.of(OK) : next;
    }

    private synchronized void awaitHold() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.size() < holdUntilRequests && System.nanoTime() < end) {
            wait(100);
        }
    }

    /** The head and body of one request, or null when the connection ends before one starts. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int contentLength = 0;
        while (true) {
            String line = line(in);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                break;
            }
            head.append(line).append("\r\n");
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(contentLength);
        return head + "\r\n" + new String(body, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
