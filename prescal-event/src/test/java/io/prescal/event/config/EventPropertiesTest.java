package io.prescal.event.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.event.EventApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Bad configuration stops startup, naming every offending key, before anything connects. */
class EventPropertiesTest {

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
                        "--prescal.event.alerts[0].threshold=250")
                    .close())
        .rootCause()
        .hasMessageContaining("prescal.event.stale-after")
        .hasMessageContaining("prescal.event.max-message-bytes")
        .hasMessageContaining("ingest.queueBytes")
        .hasMessageContaining("limits.maxServices")
        .hasMessageContaining("limits.maxProxies")
        .hasMessageContaining("prescal.event.alerts[0].name")
        .hasMessageContaining("threshold must be in 0..100");
  }
}
