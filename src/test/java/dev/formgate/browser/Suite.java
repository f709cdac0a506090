package dev.formgate.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.testing.FakeFlotiq;
import dev.formgate.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Everything the browser tests share: the packaged FormGate with the test forms, a fake Flotiq as its CMS, the
 * site on an allowed origin, a second site on a foreign origin, and one headless Chromium.
 */
final class Suite implements AutoCloseable {
    static final Path TARGET = Path.of("target");

    private final FakeFlotiq flotiq;
    private final StaticSite site;
    private final StaticSite foreign;
    private final PackagedGate gate;
    private final ChromeDriver driver;
    private final Path root;

    private Suite(FakeFlotiq flotiq, StaticSite site, StaticSite foreign, PackagedGate gate, ChromeDriver driver, Path root) {
        this.root = root;
        this.flotiq = flotiq;
        this.site = site;
        this.foreign = foreign;
        this.gate = gate;
        this.driver = driver;
    }

    static Suite start() {
        FakeFlotiq flotiq = new FakeFlotiq();
        for (String type : List.of("visit", "order", "ping", "limited", "signup", "contact_form")) {
            flotiq.contentType(type, Set.of("name"));
        }
        flotiq.start();
        StaticSite site = new StaticSite();
        StaticSite foreign = new StaticSite();
        Path root = TempDirs.create("formgate-browser-");
        Path schemas = TestForms.write(root.resolve("schemas"), site.origin());
        PackagedGate gate = PackagedGate.start(Map.of(
                "FORMGATE_SCHEMAS", schemas.toString(),
                "FORMGATE_DATA", root.resolve("data").toString(),
                "FLOTIQ_API_URL", flotiq.baseUrl().toString(),
                "FLOTIQ_API_KEY", FakeFlotiq.KEY,
                "FORMGATE_ALLOWED_ORIGINS", site.origin(),
                "FORMGATE_RATE_LIMIT_PER_CLIENT", "1000/1m",
                "FORMGATE_RATE_LIMIT_PER_FORM", "1000/1m",
                "FORMGATE_DOUBLE_SUBMIT_WINDOW", "0s"), TARGET.resolve("browser-formgate.log"));
        String integrity = integrity(gate.url());
        for (StaticSite s : List.of(site, foreign)) s.set("GATE", gate.url()).set("INTEGRITY", integrity);
        ChromeDriver driver = Chromium.start(root.resolve("profile"), TARGET.resolve("browser-chromedriver.log"));
        return new Suite(flotiq, site, foreign, gate, driver, root);
    }

    ChromeDriver driver() {
        return driver;
    }

    FakeFlotiq flotiq() {
        return flotiq;
    }

    /** The site on an allowed origin. */
    StaticSite site() {
        return site;
    }

    /** The same pages on an origin FormGate does not allow. */
    StaticSite foreign() {
        return foreign;
    }

    String gate() {
        return gate.url();
    }

    WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** The one created entry of this content type that matches, once it has arrived (delivery may be in the background). */
    ObjectNode entry(String contentType, Predicate<ObjectNode> which) {
        return await().until(d -> flotiq.objects(contentType).stream().filter(which).findFirst().orElse(null));
    }

    /** The {@code sha384-...} of the script as FormGate serves it, computed independently of FormGate's own code. */
    static String integrity(String gateUrl) {
        try {
            byte[] script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateUrl + "/formgate.js")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(script));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path screenshots() {
        try {
            return Files.createDirectories(TARGET.resolve("screenshots"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            gate.close();
            site.close();
            foreign.close();
            flotiq.close();
            TempDirs.delete(root);
        }
    }
}
