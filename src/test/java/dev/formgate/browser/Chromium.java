package dev.formgate.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its own chromedriver; nothing is ever downloaded.
 *
 * <p>Both binaries are named explicitly (system properties {@code formgate.chromium} and {@code formgate.chromedriver}
 * override the Debian paths), so Selenium Manager never runs. Without them the browser tests are skipped with the
 * reason, except under {@code CI=true}, where a missing browser is a failure rather than a silent skip.
 */
final class Chromium {
    static final Path BINARY = Path.of(System.getProperty("formgate.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("formgate.chromedriver", "/usr/bin/chromedriver"));
    /** Held so the setting sticks: without the optional selenium-devtools artifacts Selenium warns on every CDP call. */
    private static final java.util.logging.Logger CDP_NOISE = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private Chromium() {
    }

    /** Skips (or under CI fails) the calling tests when Chromium or chromedriver is not installed. */
    static void requireInstalled() {
        List<Path> missing = java.util.stream.Stream.of(BINARY, DRIVER).filter(p -> !Files.isExecutable(p)).toList();
        if (missing.isEmpty()) return;
        String reason = "browser tests need Debian's chromium and chromium-driver (missing " + missing
                + "); install them with: apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("CI=true: " + reason);
        Assumptions.abort(reason);
    }

    /** A fresh headless browser with its own temporary profile. */
    static ChromeDriver start(Path profile, Path driverLog) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Lays the page out as a device of this CSS width (a phone when under 800 px), without reloading it. */
    static void viewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 800));
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }
}
