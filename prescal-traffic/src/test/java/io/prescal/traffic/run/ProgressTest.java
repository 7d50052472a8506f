package io.prescal.traffic.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.report.Latency;
import io.prescal.traffic.report.TimelinePoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live progress: a bar redrawn in place on a terminal, plain lines elsewhere. */
class ProgressTest {

  private static final TimelinePoint SECOND =
      new TimelinePoint(
          3,
          0,
          2000,
          2000,
          1998,
          1998.0,
          2,
          new Latency(1998, 900, 850, 1200, 4100, 9000, 9000, 9100),
          3000,
          40,
          7,
          12,
          List.of());

  @Test
  void onATerminalRedrawsOneLineWithABar() {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), true, false);

    p.second(SECOND, 2, 0.5);
    p.event("scale 1 -> 2: panic");
    p.done();

    assertThat(out.toString())
        .startsWith(
            "\r[============            ]  50%    3s     1998.0 req/s (plan 2000)  p50 850us")
        .contains("p99 4.10ms")
        .contains("errors 2")
        .contains("in-flight 7")
        .contains("\r\u001b[Kevent: scale 1 -> 2: panic\n");
  }

  @Test
  void elsewherePrintsPlainLines() {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), false, false);

    p.warmup(2, 150);
    p.second(SECOND, 2, 0.5);

    assertThat(out.toString().lines())
        .containsExactly(
            "warm-up: 2s left, 150 requests (not measured)",
            "   3s     1998.0 req/s (plan 2000)  p50 850us    p99 4.10ms   errors 2      in-flight 7     conns 12");
    assertThat(out.toString()).doesNotContain("\r");
  }

  @Test
  void quietPrintsNothing() {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), true, true);

    p.second(SECOND, 0, 1);
    p.event("x");

    assertThat(out.toString()).isEmpty();
  }
}
