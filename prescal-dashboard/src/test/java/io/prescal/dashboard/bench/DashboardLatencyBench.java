package io.prescal.dashboard.bench;

import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.RestartableRedis;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Figures, not a test: time from a state message on Redis to the number changing in the browser,
 * page load time, and memory per open tab. Not run by default (its name does not end in IT); run it
 * with the command in bench/RESULTS-dashboard.md. Prints the figures and writes them to
 * target/bench-dashboard.txt.
 */
@RequiresDocker
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.bench.password=bench-password",
      "prescal.dashboard.users.bench.role=viewer"
    })
class DashboardLatencyBench {

  private static final int SAMPLES = Integer.getInteger("bench.samples", 200);
  private static final int TABS = Integer.getInteger("bench.tabs", 10);
  @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("dashboard");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @Test
  void measure() throws Exception {
    List<String> report = new ArrayList<>();
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1440, 1000)) {
      demo.writeAll(Instant.now());
      if (!browser.login("bench", "bench-password")) {
        throw new IllegalStateException("login failed");
      }
      browser.waitFor(By.id("card-web-rate"));

      // 1. State message on Redis -> number changed in the DOM (browser clock = JVM clock here).
      browser
          .driver()
          .executeScript(
              "window.__seen = {};"
                  + "const el = document.getElementById('card-web-rate');"
                  + "new MutationObserver(() => { window.__seen[el.textContent] = Date.now(); })"
                  + ".observe(el, {childList: true, characterData: true, subtree: true});");
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < SAMPLES + 10; i++) {
        int rate = 5000 + i;
        StateSnapshot state = DemoData.withWebRate(demo.state(Instant.now()), rate);
        long sent = System.currentTimeMillis();
        demo.publishState(state);
        String key = rate + " req/s";
        Object seen = null;
        long deadline = System.currentTimeMillis() + 5000;
        while (seen == null && System.currentTimeMillis() < deadline) {
          Thread.sleep(5);
          seen = browser.driver().executeScript("return window.__seen[arguments[0]] || null;", key);
        }
        if (seen == null) {
          throw new IllegalStateException(key + " never shown");
        }
        if (i >= 10) { // warm-up
          latencies.add(((Number) seen).longValue() - sent);
        }
        Thread.sleep(50);
      }
      report.add(
          String.format(
              Locale.ROOT,
              "state on Redis -> number in browser: median %d ms, p99 %d ms, max %d ms (%d samples)",
              percentile(latencies, 50),
              percentile(latencies, 99),
              Collections.max(latencies),
              latencies.size()));

      // 2. Page load: a fresh load of the overview (logged in) until the first card shows.
      List<Long> loads = new ArrayList<>();
      List<Long> navigation = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        long start = System.nanoTime();
        browser.open("");
        browser.waitFor(By.cssSelector("#card-web-rate"));
        browser
            .wait(Duration.ofSeconds(10))
            .until(d -> !d.findElement(By.id("card-web-rate")).getText().isEmpty());
        long millis = (System.nanoTime() - start) / 1_000_000;
        Object nav =
            browser
                .driver()
                .executeScript(
                    "const n = performance.getEntriesByType('navigation')[0]; return n ? Math.round(n.loadEventEnd - n.startTime) : -1;");
        if (i >= 2) {
          loads.add(millis);
          navigation.add(((Number) nav).longValue());
        }
      }
      report.add(
          String.format(
              Locale.ROOT,
              "page load, overview until first card shows: median %d ms, max %d ms (load event: median %d ms)",
              percentile(loads, 50),
              Collections.max(loads),
              percentile(navigation, 50)));

      // 3. Memory per open tab: server heap after GC, and the tab's own JS heap.
      long before = heapAfterGc();
      String first = browser.driver().getWindowHandle();
      List<Long> jsHeaps = new ArrayList<>();
      for (int i = 0; i < TABS; i++) {
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open("");
        browser.waitFor(By.cssSelector(".time-chart canvas"));
      }
      Thread.sleep(3000);
      for (String handle : browser.driver().getWindowHandles()) {
        browser.driver().switchTo().window(handle);
        Object used =
            browser
                .driver()
                .executeScript(
                    "return performance.memory ? performance.memory.usedJSHeapSize : -1;");
        jsHeaps.add(((Number) used).longValue());
      }
      long after = heapAfterGc();
      browser.driver().switchTo().window(first);
      report.add(
          String.format(
              Locale.ROOT,
              "memory per open overview tab: server heap %.0f KiB (%d tabs, heap after GC %.1f -> %.1f MiB), browser JS heap median %.1f MiB",
              (after - before) / 1024.0 / TABS,
              TABS,
              before / 1048576.0,
              after / 1048576.0,
              percentile(jsHeaps, 50) / 1048576.0));
    }
    report.forEach(line -> System.out.println("BENCH " + line));
    Files.write(Path.of("target", "bench-dashboard.txt"), report);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
