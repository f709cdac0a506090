package dev.formgate.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link TestGate} per test, delivering to a fake Flotiq that knows the shipped forms, in a temp dir of
 * its own; the fake is closed and the dir deleted after the test.
 *
 * <p>Use as {@code @RegisterExtension final GateFixture fx = new GateFixture().set("NAME", "value");}; the
 * settings given here apply to every test's gate, and {@link #gate()} can take more inside a test.
 */
public final class GateFixture implements BeforeEachCallback, AfterEachCallback {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path tmp;
    private FakeFlotiq flotiq;
    private TestGate gate;

    /** Sets an environment variable on each test's gate. */
    public GateFixture set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        tmp = TempDirs.create("formgate-test-");
        flotiq = TestGate.flotiq();
        gate = new TestGate(tmp).cms(flotiq);
        settings.forEach(gate::set);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (flotiq != null) flotiq.close();
        } finally {
            if (tmp != null) TempDirs.delete(tmp);
        }
    }

    /** This test's temp dir; the gate's schemas and data live in it. */
    public Path tmp() {
        return tmp;
    }

    public FakeFlotiq flotiq() {
        return flotiq;
    }

    public TestGate gate() {
        return gate;
    }
}
