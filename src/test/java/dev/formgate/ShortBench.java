package dev.formgate;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings of the benchmarks that time one short operation (bench/README.md, micro benchmarks): the average
 * time of a call in nanoseconds, 3 warm-up and 5 measured iterations of a second, one fork with the heap and collector
 * they all use. A benchmark extends it and adds or overrides what differs (JMH takes the nearest annotation: the
 * method's, then its class's, then this one's).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx96m", "-XX:+UseSerialGC"})
public abstract class ShortBench {
}
