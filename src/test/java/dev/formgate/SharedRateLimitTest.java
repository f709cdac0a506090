package dev.formgate;

import static dev.formgate.MainPathTest.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.Http;
import dev.formgate.testing.TestGate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances sharing one Redis allow one allowance per client in total (needs Redis on 127.0.0.1:6379). */
class SharedRateLimitTest {
    @TempDir
    Path tmp;

    static boolean redisAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void two_instances_sharing_redis_allow_one_allowance_in_total() {
        boolean up = redisAnswers();
        if (System.getenv("CI") != null && !up) throw new AssertionError("CI must provide Redis on 127.0.0.1:6379 (.ci/run starts it)");
        assumeTrue(up, "skipped: no Redis on 127.0.0.1:6379 (start redis-server, or run .ci/run, to include this test)");
        String namespace = "test-" + UUID.randomUUID();
        try (FakeFlotiq flotiq = TestGate.flotiq()) {
            TestGate a = new TestGate(tmp.resolve("a")).cms(flotiq).set("REDIS_URL", "redis://127.0.0.1:6379")
                    .set("FORMGATE_REDIS_NAMESPACE", namespace).set("FORMGATE_RATE_LIMIT_PER_CLIENT", "3/1m");
            TestGate b = new TestGate(tmp.resolve("b")).cms(flotiq).set("REDIS_URL", "redis://127.0.0.1:6379")
                    .set("FORMGATE_REDIS_NAMESPACE", namespace).set("FORMGATE_RATE_LIMIT_PER_CLIENT", "3/1m");
            try (App first = a.app(); App second = b.app()) {
                first.javalin().start("127.0.0.1", 0);
                second.javalin().start("127.0.0.1", 0);
                Http[] instances = {new Http(first.javalin().port()), new Http(second.javalin().port())};
                int accepted = 0;
                int limited = 0;

                for (int i = 0; i < 8; i++) {
                    int status = instances[i % 2].json("/forms/contact-form", VALID.replace("Ada", "Ada" + i)).statusCode();
                    if (status == 201) accepted++;
                    if (status == 429) limited++;
                }

                assertEquals(3, accepted);
                assertEquals(5, limited);
                assertEquals(3, flotiq.objects("contact_form").size());
            }
        }
    }
}
