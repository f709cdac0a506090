package dev.formgate.delivery;

import dev.formgate.ShortBench;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * JMH: one outbox timestamp ({@link Timestamps#format}) against the {@link DateTimeFormatter} it used to be written by.
 * A delivered submission's two writes format four. One thread (the committer is one).
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
public class TimestampsBench extends ShortBench {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private final Instant now = Instant.parse("2026-11-29T09:12:34.567891234Z");

    @Benchmark
    public String digits() {
        return Timestamps.format(now);
    }

    @Benchmark
    public String formatter() {
        return PATTERN.format(now);
    }
}
