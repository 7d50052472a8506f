package io.prescal.event.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.event.EventApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Bad configuration stops startup, naming every offending key, before anything connects. */
class EventPropertiesTest {

  private static final String SHORT_TOKEN = "short-token";

  @Test
  void badValuesStopStartupWithTheirNames() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(EventApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(
                        "--spring.data.redis.url=redis://127.0.0.1:1",
                        "--prescal.event.stale-after=10ms",
                        "--prescal.event.max-message-bytes=12",
                        "--prescal.event.ingest.queue-bytes=1000",
                        "--prescal.event.limits.max-services=0",
                        "--prescal.event.limits.max-proxies=-1",
                        "--prescal.event.alerts[0].name=Bad Name",
                        "--prescal.event.alerts[0].kind=error-rate",
                        "--prescal.event.alerts[0].threshold=250",
                        "--prescal.event.api-token=" + SHORT_TOKEN)
                    .close())
        .rootCause()
        .hasMessageContaining("prescal.event.stale-after")
        .hasMessageContaining("prescal.event.max-message-bytes")
        .hasMessageContaining("ingest.queueBytes")
        .hasMessageContaining("limits.maxServices")
        .hasMessageContaining("limits.maxProxies")
        .hasMessageContaining("prescal.event.alerts[0].name")
        .hasMessageContaining("threshold must be in 0..100")
        .hasMessageContaining(
            "api-token must be at least 16 characters (or none, to leave the read API open)")
        .message()
        .doesNotContain(SHORT_TOKEN);
  }

  @Test
  void anApiTokenIsUsedWithoutItsBlanksAndBlankMeansNone() {
    assertThat(bind(Map.of("prescal.event.api-token", "  0123456789abcdef \n")).apiToken())
        .isEqualTo("0123456789abcdef");
    assertThat(bind(Map.of("prescal.event.api-token", "   ")).apiToken()).isEmpty();
    assertThat(bind(Map.of()).apiToken()).isEmpty();
    assertThatThrownBy(() -> bind(Map.of("prescal.event.api-token", " 0123456789abcde ")))
        .rootCause()
        .hasMessageContaining("api-token must be at least 16 characters");
  }

  /** Binds and validates {@code prescal.event} as startup does, from {@code properties} alone. */
  private static EventProperties bind(Map<String, String> properties) {
    try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
      validator.afterPropertiesSet();
      return new Binder(new MapConfigurationPropertySource(properties))
          .bindOrCreate(
              "prescal.event",
              Bindable.of(EventProperties.class),
              new ValidationBindHandler(validator));
    }
  }
}
