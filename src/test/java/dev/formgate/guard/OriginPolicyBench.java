package dev.formgate.guard;

import dev.formgate.ShortBench;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * JMH: the origin check every browser post passes ({@link OriginPolicy#allowed}, from {@code Cors.check}), for the
 * origin a browser sends (already normalized), against the global list alone and against a form's own list, and for a
 * foreign origin (a 403). 2 threads, as the request path runs on two cores.
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
@Threads(2)
public class OriginPolicyBench extends ShortBench {
    private final OriginPolicy policy = new OriginPolicy(Set.of("https://www.example.com"));
    /** As a form's {@code x-formgate.allowedOrigins} arrive from FormLoader: normalized, in an immutable set. */
    private final Set<String> formOrigins = Set.of("https://shop.example.com", "https://example.org");

    @Benchmark
    public boolean globalList() {
        return policy.allowed("https://www.example.com", Set.of());
    }

    @Benchmark
    public boolean formList() {
        return policy.allowed("https://example.org", formOrigins);
    }

    @Benchmark
    public boolean foreign() {
        return policy.allowed("https://evil.example", Set.of());
    }
}
