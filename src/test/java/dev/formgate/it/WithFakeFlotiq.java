package dev.formgate.it;

import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.TestGate;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For tests of the packaged jar: a scratch directory and a fresh fake Flotiq (the test gate's content types) per test. */
abstract class WithFakeFlotiq {
    @TempDir
    Path tmp;
    FakeFlotiq flotiq;

    @BeforeEach
    void startFlotiq() {
        flotiq = TestGate.flotiq();
    }

    @AfterEach
    void stopFlotiq() {
        flotiq.close();
    }
}
