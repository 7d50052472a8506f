package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.ChannelRecorder;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.RestartableRedis;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's guard-rails as a browser shows them (real dashboard, real Redis, headless
 * Chromium): what is typed stays as typed and is refused on the field with the rule's sentence, the
 * confirm dialog shows current to new replicas and their memory, a count below min cannot be sent
 * until "Force it" is ticked, and pause and resume follow the service's mode. The same cases
 * without a browser are in ServiceControlsTest.
 */
@RequiresDocker
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.ops.password=ops-password",
      "prescal.dashboard.users.ops.role=operator",
      "prescal.commands.secret=" + OperatorControlsBrowserIT.SECRET
    })
class OperatorControlsBrowserIT {

  static final String SECRET = "controls-test-secret-0123456789";
  @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("dashboard");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  private static String error(Browser browser, String field) {
    return browser
        .driver()
        .findElement(By.cssSelector("#" + field + " [slot='error-message']"))
        .getText();
  }

  private static void type(Browser browser, String field, String text) {
    WebElement input = browser.waitFor(By.cssSelector("#" + field + " input"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(text, Keys.TAB);
  }

  @Test
  void theControlsRefuseOnTheFieldShowTheCostAskForForceAndFollowTheMode() throws Exception {
    EventCodec codec = new EventCodec();
    try (ChannelRecorder<ChannelRecorder.Message> commands =
            ChannelRecorder.raw(REDIS.uri(), Channels.COMMANDS);
        DemoData demo = new DemoData(REDIS.uri());
        Browser ops = new Browser("http://127.0.0.1:" + port + "/", 1440, 1100)) {
      StateSnapshot state = demo.state(Instant.now());
      demo.publishState(state);
      assertThat(ops.login("ops", "ops-password")).isTrue();
      ops.open("service/web");
      ops.waitFor(By.cssSelector("#max input"));
      ops.wait(Duration.ofSeconds(10))
          .until(
              d ->
                  d.findElement(By.id("autoscaling-mode"))
                      .getText()
                      .equals("Autoscaling (stable)"));

      // Typed as typed: "2.5" is not read as 25, "abc" does not empty the field.
      type(ops, "max", "2.5");
      ops.wait(Duration.ofSeconds(5))
          .until(d -> error(ops, "max").equals("max: \"2.5\" (expected: a whole number, e.g. 2)"));
      assertThat(ops.driver().findElement(By.cssSelector("#max input")).getDomProperty("value"))
          .isEqualTo("2.5");
      type(ops, "replicas", "abc");
      ops.wait(Duration.ofSeconds(5))
          .until(
              d ->
                  error(ops, "replicas")
                      .equals("replicas: \"abc\" (expected: a whole number, e.g. 2)"));
      type(ops, "max", "1000000");
      ops.waitFor(By.id("set-limits")).click();
      ops.wait(Duration.ofSeconds(5))
          .until(
              d ->
                  error(ops, "max")
                      .equals(
                          "max: 1000000 (expected: <= ceiling 50 for the docker provider; raise"
                              + " scaling.maxReplicas in the proxy's file)"));
      assertThat(ops.driver().findElements(By.id("confirm-dialog"))).isEmpty();
      ops.screenshot("controls-refused");

      // A count below min: the dialog says what changes and costs, and asks for force.
      type(ops, "replicas", "1");
      ops.waitFor(By.id("scale")).click();
      assertThat(ops.waitFor(By.id("confirm-change")).getText())
          .isEqualTo(
              state.services().getFirst().readyReplicas()
                  + " -> 1 replica (min 2, max 6; ceiling 50)");
      assertThat(ops.waitFor(By.id("confirm-cost")).getText())
          .isEqualTo("Memory: about 256 MiB (1 x 256 MiB per backend).");
      assertThat(ops.waitFor(By.id("confirm-force")).getText())
          .startsWith(
              "replicas: 1 (expected: >= min=2; lower min first, or force=true to go below it)");
      WebElement send = ops.waitFor(By.cssSelector("vaadin-button[slot='confirm-button']"));
      assertThat(send.getAttribute("disabled")).isNotNull();
      ops.screenshot("controls-force");
      ops.waitFor(By.id("force")).click();
      ops.wait(Duration.ofSeconds(5)).until(d -> send.getAttribute("disabled") == null);
      send.click();

      Envelope command =
          codec
              .decode(commands.await(m -> true, Duration.ofSeconds(10)).text())
              .event()
              .orElseThrow();
      assertThat(command.data()).isEqualTo(new ScaleCommand(1, "ops", true));
      assertThat(new CommandSigner(SECRET, codec).verify(command)).isTrue();

      // Pause and resume follow the mode the proxies report.
      assertThat(ops.waitFor(By.id("pause")).getAttribute("disabled")).isNull();
      assertThat(ops.waitFor(By.id("resume")).getAttribute("disabled")).isNotNull();
      demo.publishState(DemoData.withWebAutoscaler(state, a -> withMode(a, ScaleMode.FIXED)));
      ops.wait(Duration.ofSeconds(10))
          .until(d -> d.findElement(By.id("pause")).getAttribute("disabled") != null);
      assertThat(ops.waitFor(By.id("resume")).getAttribute("disabled")).isNull();
      assertThat(ops.waitFor(By.id("autoscaling-mode")).getText()).startsWith("Fixed at ");
      ops.screenshot("controls-fixed");
    }
  }

  private static AutoscalerStatus withMode(AutoscalerStatus a, ScaleMode mode) {
    return new AutoscalerStatus(
        mode,
        a.min(),
        a.max(),
        a.desired(),
        a.target(),
        a.stableWindowMillis(),
        a.panicWindowMillis(),
        a.panicThreshold(),
        a.scaleToZero(),
        a.lastReason(),
        a.bounds());
  }
}
