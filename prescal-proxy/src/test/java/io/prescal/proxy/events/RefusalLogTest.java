package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

  private final LogCapture capture = new LogCapture("test.refusals");
  private final AtomicLong nanos = new AtomicLong();
  private final RefusalLog log =
      new RefusalLog(capture.logger(), Duration.ofSeconds(10), nanos::get);

  @AfterEach
  void detach() {
    capture.close();
  }

  private static CommandVerdict.Refuse refusal(RefusalKind kind, String id) {
    return new CommandVerdict.Refuse(kind, id, "command.scale", "web", "unsigned command");
  }

  @Test
  void fieldsFromTheMessageCannotStartALineOfTheirOwn() {
    assertThat(
            log.refused(
                new CommandVerdict.Refuse(
                    RefusalKind.UNSIGNED,
                    "x\r\n09:00:00.000 INFO  CommandListener - command y for web accepted: ok",
                    "command.scale\u001b[2J",
                    "web\u2028shop",
                    "unsigned command\n")))
        .isTrue();
    assertThat(capture.text()).doesNotContain("\r");
    assertThat(capture.lines()).hasSize(1);
    assertThat(capture.lines().getFirst())
        .isEqualTo(
            "INFO command x\\r\\n09:00:00.000 INFO  CommandListener - command y for web accepted:"
                + " ok (command.scale\\u001b[2J) for web\\u2028shop rejected as unsigned: unsigned"
                + " command\\n");
  }

  @Test
  void oneLinePerKindPerIntervalThenTheCountOfThoseLeftOut() {
    assertThat(log.refused(refusal(RefusalKind.MALFORMED, "a"))).isTrue();
    for (int i = 0; i < 99; i++) {
      nanos.addAndGet(Duration.ofMillis(50).toNanos());
      assertThat(log.refused(refusal(RefusalKind.MALFORMED, "m" + i))).isFalse();
    }
    assertThat(log.refused(refusal(RefusalKind.STALE, "s"))).as("another kind").isTrue();
    assertThat(capture.lines()).hasSize(2);

    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(log.refused(refusal(RefusalKind.MALFORMED, "b"))).isTrue();
    assertThat(capture.lines()).hasSize(3);
    assertThat(capture.lines().getLast())
        .startsWith("INFO command b (command.scale) for web rejected as malformed")
        .endsWith("(99 more malformed since the last line, not logged)");
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    log.refused(refusal(RefusalKind.MALFORMED, "c"));
    assertThat(capture.lines().getLast()).doesNotContain("more malformed");
  }
}
