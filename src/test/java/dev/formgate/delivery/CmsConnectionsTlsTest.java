package dev.formgate.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https against a local TLS server with self-signed certificates made by the JDK's keytool at test time; the client
 * trusts exactly those certificates, and still checks that the certificate names the host it connected to.
 */
class CmsConnectionsTlsTest {
    static final char[] PASSWORD = "test-only".toCharArray();
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path tmp;
    static KeyStore forLoopback; // SAN ip:127.0.0.1
    static KeyStore forOtherHost; // SAN dns:cms.example.com
    static SSLContext trustingBoth;

    @BeforeAll
    static void makeCertificates() throws Exception {
        forLoopback = keyStore("loopback", "ip:127.0.0.1");
        forOtherHost = keyStore("other", "dns:cms.example.com");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("loopback", forLoopback.getCertificate("cms"));
        trusted.setCertificateEntry("other", forOtherHost.getCertificate("cms"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        trustingBoth = SSLContext.getInstance("TLS");
        trustingBoth.init(null, tmf.getTrustManagers(), null);
    }

    @Test
    void https_calls_share_one_verified_keep_alive_connection() throws Exception {
        try (ScriptedServer server = ScriptedServer.https(serving(forLoopback));
             CmsConnections connections = new CmsConnections(server.baseUrl(), () -> trustingBoth, CmsConnections.MAX_IDLE)) {

            CmsResponse first = connections.post("/x", Map.of(), new byte[0], TIMEOUT);
            CmsResponse second = connections.post("/x", Map.of(), new byte[0], TIMEOUT);

            assertEquals(200, first.status());
            assertEquals("{\"ok\":true}", second.body());
            assertEquals(1, server.accepted());
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadline not kept fails, not hangs
    void a_tls_server_that_never_answers_times_out_by_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.https(serving(forLoopback));
             CmsConnections connections = new CmsConnections(server.baseUrl(), () -> trustingBoth, CmsConnections.MAX_IDLE)) {
            server.reply(ScriptedServer.Reply.hang());

            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> connections.post("/x", Map.of(), new byte[0], Duration.ofMillis(800)));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(tookMillis >= 700 && tookMillis < 4_000, "timed out after " + tookMillis + " ms");
            assertEquals(200, connections.post("/x", Map.of(), new byte[0], TIMEOUT).status(), "a new connection serves the next call");
            assertEquals(2, server.accepted());
        }
    }

    @Test
    void a_certificate_for_another_host_is_refused_even_when_trusted() {
        try (ScriptedServer server = ScriptedServer.https(serving(forOtherHost));
             CmsConnections connections = new CmsConnections(server.baseUrl(), () -> trustingBoth, CmsConnections.MAX_IDLE)) {

            IOException e = assertThrows(IOException.class, () -> connections.post("/x", Map.of(), new byte[0], TIMEOUT));

            assertTrue(e instanceof SSLHandshakeException, e.toString());
            assertTrue(server.requests().isEmpty(), "nothing was sent");
        }
    }

    @Test
    void a_self_signed_certificate_is_refused_by_the_default_trust() {
        try (ScriptedServer server = ScriptedServer.https(serving(forLoopback));
             CmsConnections connections = new CmsConnections(server.baseUrl())) {

            assertThrows(SSLHandshakeException.class, () -> connections.post("/x", Map.of(), new byte[0], TIMEOUT));

            assertTrue(server.requests().isEmpty(), "nothing was sent");
        }
    }

    private static SSLContext serving(KeyStore keys) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair and self-signed certificate with the given subject alternative name, made by keytool. */
    private static KeyStore keyStore(String name, String san) throws Exception {
        Path file = tmp.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "cms", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=FormGate test CMS", "-ext", "SAN=" + san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }
}
