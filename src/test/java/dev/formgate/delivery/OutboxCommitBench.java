package dev.formgate.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: durable submissions per second through the real outbox (SQLite file, WAL, {@code synchronous=FULL}) from
 * 32 concurrent request threads, with group commit ({@code maxBatch=512}, production) and without it
 * ({@code maxBatch=1}: one commit and one fsync per write).
 *
 * <p>{@code store}: the write that must be durable before the answer; {@code storeAndMarkDelivered}: both writes
 * a delivered submission makes on the request path. Not a unit test; see bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(32)
@Fork(value = 1, jvmArgsAppend = {"-Xmx96m", "-XX:+UseSerialGC"})
public class OutboxCommitBench {
    @Param({"512", "1"})
    public int maxBatch;

    private Path dir;
    private Outbox outbox;
    private SubmissionIds ids;
    private ObjectNode payload;
    private Clock clock;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "outbox-bench");
        clock = Clock.systemUTC();
        outbox = Outbox.open(dir, clock, maxBatch);
        ids = new SubmissionIds(clock, new SecureRandom());
        payload = new ObjectMapper().createObjectNode().put("name", "Jane Doe").put("email", "jane.doe@example.com")
                .put("message", "Hello! I found your site while looking for a team to help us migrate our marketing"
                        + " pages to a JAMstack setup with a headless CMS. Could you send a rough estimate? Thanks, Jane.");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        outbox.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public StoreOutcome store() {
        return outbox.store(submission(), dev.formgate.delivery.State.QUEUED, List.of());
    }

    @Benchmark
    public void storeAndMarkDelivered() {
        Submission s = submission();
        outbox.store(s, dev.formgate.delivery.State.QUEUED, List.of());
        outbox.markDelivered(s.id());
    }

    private Submission submission() {
        return new Submission(ids.next(), "contact-form", "contact_form", payload, clock.instant());
    }
}
