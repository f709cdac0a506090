package dev.formgate.delivery;

import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.TempDirs;
import dev.formgate.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real parts wired together for end-to-end delivery tests: fake Flotiq, SQLite outbox in a temp dir of its own,
 * real Flotiq client. Fresh for each test as {@code @RegisterExtension final Harness h = new Harness();}.
 */
final class Harness implements BeforeEachCallback, AfterEachCallback {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    final TestClock clock = new TestClock();
    final Fixtures fixtures = new Fixtures(clock);
    final FakeFlotiq flotiq = new FakeFlotiq().contentType(Fixtures.TYPE, Set.of("name", "email", "message")).start();
    final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofDays(1), new SplittableRandom(9));
    CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
    Path dataDir;
    Outbox outbox;
    Cms cms;
    private FlotiqClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        dataDir = TempDirs.create("formgate-delivery-");
        outbox = Outbox.open(dataDir, clock);
        cms = flotiq(Map.of("FLOTIQ_API_KEY", FakeFlotiq.KEY));
    }

    FlotiqClient flotiq(Map<String, String> env) {
        if (client != null) client.close();
        client = new FlotiqClient(flotiq.baseUrl(), new FlotiqKeys(env), REQUEST_TIMEOUT, clock);
        return client;
    }

    Dispatcher dispatcher(Duration deadline) {
        return new Dispatcher(outbox, cms, breaker, retry, clock, deadline);
    }

    Dispatcher dispatcher() {
        return dispatcher(Duration.ofSeconds(3));
    }

    DeliveryWorker worker() {
        return new DeliveryWorker(outbox, cms, breaker, retry, clock, Duration.ofHours(1));
    }

    StoredSubmission row(String id) {
        return outbox.find(id).orElseThrow();
    }

    /** Restart: close and reopen the outbox file, with a fresh breaker as a new process would have. */
    void restart() {
        outbox.close();
        outbox = Outbox.open(dataDir, clock);
        breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (client != null) client.close();
            if (outbox != null) outbox.close();
            flotiq.close();
        } finally {
            if (dataDir != null) TempDirs.delete(dataDir);
        }
    }
}
