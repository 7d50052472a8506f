package io.prescal.event.state;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prescal.event.aggregate.AggregatorBounds;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LimitWarningsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private final Logger logger = (Logger) LoggerFactory.getLogger("test.limit-warnings");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final LimitWarnings warnings = new LimitWarnings(logger);

  LimitWarningsTest() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(lines);
  }

  private static AggregatorBounds refused(long proxies, long services) {
    return new AggregatorBounds(64, 64, proxies, 256, 256, services, 0);
  }

  @Test
  void oneLinePerLimitPerMinuteWithWhatWasRefusedSinceTheLast() {
    warnings.check(refused(0, 0), T0);
    assertThat(lines.list).isEmpty();
    warnings.check(refused(0, 500), T0);
    warnings.check(refused(3, 900), T0.plusSeconds(30));
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "ignored 500 new service names: 256 services are tracked,"
                + " prescal.event.limits.max-services (256); raise it if they are real services,"
                + " else something unexpected publishes on Redis",
            "ignored 3 new proxy names: 64 proxies are tracked, prescal.event.limits.max-proxies"
                + " (64); raise it if they are real proxies, else something unexpected publishes"
                + " on Redis");
    warnings.check(refused(3, 1000), T0.plusSeconds(60));
    assertThat(lines.list.getLast().getFormattedMessage()).startsWith("ignored 500 new service");
    warnings.check(refused(3, 1000), T0.plusSeconds(300));
    assertThat(lines.list).hasSize(3);
  }
}
