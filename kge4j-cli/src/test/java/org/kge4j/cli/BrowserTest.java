package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kge4j.data.TriplesFactory;
import org.kge4j.prediction.Prediction;
import org.kge4j.prediction.TargetPredictions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of {@code kge4j serve} in a real, headless Chromium driven by Selenium: type a query,
 * submit, read the ranked answers, and follow a suggestion after a typo. Runs when Debian's {@code
 * chromium} and {@code chromium-driver} are installed ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; {@code scripts/browser-check.sh} installs them and runs this test), else
 * it is skipped with that message.
 */
class BrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void typeAQuerySubmitAndReadTheRankedAnswers(@TempDir Path profile) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver); run"
            + " scripts/browser-check.sh, which installs chromium and chromium-driver and runs this"
            + " test");
    TrainedRun trained = TrainedRun.get();
    TriplesFactory training = trained.dataset.training();
    String head = training.entityLabel(training.head(0));
    String relation = training.relationLabel(training.relation(0));
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    try (PredictionServer server =
        PredictionServer.start(
            trained.predictor, "embedded", new InetSocketAddress("127.0.0.1", 0), 2)) {
      WebDriver browser = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(server.uri().toString());
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("model"), "complex on embedded"));
        new Select(browser.findElement(By.id("target"))).selectByValue("tails");
        browser.findElement(By.id("head")).sendKeys(head);
        browser.findElement(By.id("relation")).sendKeys(relation);
        WebElement top = browser.findElement(By.id("top"));
        top.clear();
        top.sendKeys("5");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#answers tbody tr"), 5));
        TargetPredictions expected = trained.predictor.predictTails(head, relation, 5);
        List<String> labels = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#answers tbody tr"))) {
          List<WebElement> cells = row.findElements(By.tagName("td"));
          labels.add(cells.get(1).getText());
        }
        assertEquals(expected.answers().stream().map(Prediction::label).toList(), labels);
        String firstScore =
            browser.findElement(By.cssSelector("#answers tbody tr td:nth-child(4)")).getText();
        assertEquals(
            String.format(java.util.Locale.ROOT, "%.4f", expected.answers().get(0).score()),
            firstScore);

        // A typo shows the error with suggestions; clicking the first asks again with it.
        WebElement headField = browser.findElement(By.id("head"));
        headField.clear();
        headField.sendKeys(head.substring(0, head.length() - 1));
        browser.findElement(By.id("submit")).click();
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "unknown entity"));
        List<WebElement> suggestions = browser.findElements(By.cssSelector("#error .suggestion"));
        assertTrue(!suggestions.isEmpty(), "suggestions are offered");
        String suggested = suggestions.get(0).getText();
        suggestions.get(0).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answers")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#answers tbody tr"), 5));
        assertEquals(suggested, browser.findElement(By.id("head")).getAttribute("value"));
        assertEquals(
            trained.predictor.predictTails(suggested, relation, 5).answers().get(0).label(),
            browser.findElement(By.cssSelector("#answers tbody tr td:nth-child(2)")).getText());
      } finally {
        browser.quit();
      }
    }
  }
}
