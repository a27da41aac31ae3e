package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.spring.test.IncusServiceConnection;
import io.github.incus4j.test.IncusDaemon;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver, installed by
 * scripts/install-browser.sh): it shows the health, runs a command, shows its output.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@IncusServiceConnection
class SandboxPageBrowserTest {

    @LocalServerPort
    int port;

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @BeforeAll
    static void needsTheBrowser() {
        requireTheBrowser();
    }

    /** Skips the calling class without a browser, or fails it in CI mode (-Dincus.test.require=true). */
    static void requireTheBrowser() {
        boolean present = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String reason = "Chromium and ChromeDriver are not installed (run scripts/install-browser.sh as root)";
        if (!present && Boolean.getBoolean("incus.test.require")) {
            throw new IllegalStateException(reason);
        }
        if (!present) {
            System.err.println("[browser-test] skipped: " + reason);
        }
        Assumptions.assumeTrue(present, reason);
    }

    @Test
    void thePageShowsTheHealthAndRunsACommand(IncusDaemon daemon, @TempDir Path profile) throws Exception {
        WebDriver browser = chromium(profile);
        try {
            browser.get("http://localhost:" + port + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            wait.until(ExpectedConditions.textToBe(By.id("health"), "UP"));
            assertThat(browser.findElement(By.id("health-details")).getText()).contains("serverVersion");

            browser.findElement(By.id("image")).clear();
            browser.findElement(By.id("image")).sendKeys(daemon.imageAlias());
            browser.findElement(By.id("command")).clear();
            browser.findElement(By.id("command")).sendKeys("echo hello-from-the-browser");
            browser.findElement(By.id("run")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
            assertThat(browser.findElement(By.id("stdout")).getText()).isEqualTo("hello-from-the-browser");
            assertThat(browser.findElement(By.id("exit-code")).getText()).isEqualTo("0");
            assertThat(browser.findElement(By.id("instance")).getText()).startsWith("sandbox-");
            // The run's lifecycle events reached the page through /api/events.
            wait.until(ExpectedConditions.textMatches(By.id("events-state"), java.util.regex.Pattern.compile(
                    "events: last instance-.*sandbox-.*")));
        } finally {
            browser.quit();
        }
    }

    /** A headless Chromium with a profile of its own, as the machine probe starts it. */
    static WebDriver chromium(Path profile) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
