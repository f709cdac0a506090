package dev.formgate.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/** What every browser test starts from: the shared {@link Suite} and its Chromium, set before each test. */
@ExtendWith(BrowserSuite.class)
abstract class InBrowser {
    Suite suite;
    ChromeDriver driver;

    @BeforeEach
    void useSuite(Suite suite) {
        this.suite = suite;
        this.driver = suite.driver();
    }
}
