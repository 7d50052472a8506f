package io.prescal.event.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.event.EventApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Bad webhook settings stop startup, each named by its key, and no secret is shown. */
class NotifyPropertiesTest {

  private static final String SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";

  @TempDir Path dir;

  @Test
  void badValuesStopStartupWithTheirKeys() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(EventApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(
                        "--spring.data.redis.url=redis://127.0.0.1:1",
                        "--prescal.notify.webhooks[0].name=Ops Slack",
                        "--prescal.notify.webhooks[0].url=ftp://hooks.example.com" + SECRET_PATH,
                        "--prescal.notify.webhooks[0].timeout=0s",
                        "--prescal.notify.webhooks[0].retries=-1",
                        "--prescal.notify.webhooks[0].queue-size=0",
                        "--prescal.notify.webhooks[0].rate-limit.count=0",
                        "--prescal.notify.webhooks[1].name=two",
                        "--prescal.notify.webhooks[1].url=https://user:pw@hooks.example.com/x",
                        "--prescal.notify.webhooks[1].timeout=-1s",
                        "--prescal.notify.webhooks[1].backoff=10s",
                        "--prescal.notify.webhooks[1].max-backoff=1s",
                        "--prescal.notify.webhooks[1].headers[Host]=evil.example.com",
                        "--prescal.notify.webhooks[1].header-files[Authorization]="
                            + dir.resolve("missing"))
                    .close())
        .rootCause()
        .hasMessageContaining("prescal.notify.webhooks[0].name")
        .hasMessageContaining("must be 1 to 40 lower-case letters, digits and dashes")
        .hasMessageContaining("prescal.notify.webhooks[0].timeout")
        .hasMessageContaining("prescal.notify.webhooks[0].retries")
        .hasMessageContaining("prescal.notify.webhooks[0].queueSize")
        .hasMessageContaining("prescal.notify.webhooks[0].rateLimit.count")
        .hasMessageContaining("prescal.notify.webhooks[1].timeout")
        .hasMessageContaining("prescal.notify.webhooks[0].urlValid")
        .hasMessageContaining("prescal.notify.webhooks[1].urlValid")
        .hasMessageContaining("url must be an absolute http:// or https:// URL")
        .hasMessageContaining("max-backoff must be at least backoff")
        .hasMessageContaining("prescal.notify.webhooks[1].headersValid")
        .hasMessageContaining("headers and header-files need names")
        .hasMessageContaining("header-files must name readable files")
        .message()
        .doesNotContain(SECRET_PATH)
        .doesNotContain("user:pw");
  }

  @Test
  void eachBadUrlIsRefused() {
    for (String url :
        new String[] {
          "hooks.example.com/x",
          "ftp://hooks.example.com/x",
          "https:///no-host",
          "http://user@hooks.example.com/x",
          "https://hooks.example.com/x#frag",
          "https://hooks example.com/x",
          "abc"
        }) {
      assertThatThrownBy(
              () ->
                  bind(
                      Map.of(
                          "prescal.notify.webhooks[0].name",
                          "a",
                          "prescal.notify.webhooks[0].url",
                          url)))
          .as(url)
          .rootCause()
          .hasMessageContaining("url must be an absolute");
    }
  }

  @Test
  void defaultsAndAHeaderFromAFile() throws Exception {
    Files.writeString(dir.resolve("token"), "  Bearer abc  \n");
    NotifyProperties p =
        bind(
            Map.of(
                "prescal.notify.webhooks[0].name", "ops",
                "prescal.notify.webhooks[0].url", "https://hooks.example.com:8443/x?y=1",
                "prescal.notify.webhooks[0].format", "slack-text",
                "prescal.notify.webhooks[0].header-files[Authorization]",
                    dir.resolve("token").toString()));
    NotifyProperties.Webhook w = p.webhooks().getFirst();
    assertThat(w.format()).isEqualTo(WebhookFormat.SLACK_TEXT);
    assertThat(w.events()).containsOnly(NotifyEvents.ALERTS, NotifyEvents.SCALE_CHANGES);
    assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(w.retries()).isEqualTo(3);
    assertThat(w.queueSize()).isEqualTo(1000);
    assertThat(w.rateLimit().count()).isEqualTo(30);
    assertThat(w.target()).isEqualTo("https://hooks.example.com:8443");
    assertThat(w.resolvedHeaders()).containsEntry("Authorization", "Bearer abc");
    assertThat(bind(Map.of()).webhooks()).isEmpty();
  }

  @Test
  void namesMustDiffer() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "prescal.notify.webhooks[0].name", "a",
                        "prescal.notify.webhooks[0].url", "http://127.0.0.1:1/x",
                        "prescal.notify.webhooks[1].name", "a",
                        "prescal.notify.webhooks[1].url", "http://127.0.0.1:1/y")))
        .rootCause()
        .hasMessageContaining("webhook names must be unique");
  }

  private static NotifyProperties bind(Map<String, String> properties) {
    try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
      validator.afterPropertiesSet();
      return new Binder(new MapConfigurationPropertySource(properties))
          .bindOrCreate(
              "prescal.notify",
              Bindable.of(NotifyProperties.class),
              new ValidationBindHandler(validator));
    }
  }
}
