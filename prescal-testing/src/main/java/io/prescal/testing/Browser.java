package io.prescal.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver: both paths are set, so Selenium
 * Manager never downloads anything.
 */
public final class Browser implements AutoCloseable {

  /** Where screenshots go: a build artifact. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path profile;

  public Browser(String baseUrl, int width, int height) {
    this.baseUrl = baseUrl;
    try {
      profile = Files.createTempDirectory("prescal-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(env("PRESCAL_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(env("PRESCAL_CHROMEDRIVER", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens {@code path} under the app. */
  public void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Logs in through the login view; returns whether the app let the user in. */
  public boolean login(String user, String password) {
    open("login");
    WebElement name = waitFor(By.cssSelector("#vaadinLoginUsername input"));
    name.sendKeys(user);
    WebElement pw = driver.findElement(By.cssSelector("#vaadinLoginPassword input"));
    pw.sendKeys(password, Keys.ENTER);
    try {
      new WebDriverWait(driver, Duration.ofSeconds(10))
          .until(d -> !d.getCurrentUrl().contains("/login") || hasLoginError());
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
    return !driver.getCurrentUrl().contains("/login");
  }

  /** Whether the login form shows its error. */
  public boolean hasLoginError() {
    return !driver.findElements(By.cssSelector("vaadin-login-form[error]")).isEmpty()
        || driver.getCurrentUrl().contains("error");
  }

  /** Waits up to 15 s for {@code by} to be visible. */
  public WebElement waitFor(By by) {
    return wait(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public WebDriverWait wait(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.pollingEvery(Duration.ofMillis(50));
    return wait;
  }

  /** Saves a screenshot of the window as target/screenshots/{@code name}.png. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
