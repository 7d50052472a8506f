package io.prescal.proxy.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log gets one line per request, written off the event loop. */
class AccessLogTest {

  @Test
  void logsEachRequest(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    try (TestBackend backend = TestBackend.named("b");
        RunningProxy proxy =
            RunningProxy.start(
                "accessLog:\n  enabled: true\n  path: "
                    + log
                    + "\n"
                    + RunningProxy.service("", backend.address()));
        RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET /one?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").read();
      client.send("DELETE /two HTTP/1.1\r\nHost: x\r\n\r\n").read();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Files.exists(log) && Files.readAllLines(log).size() == 2);
      var lines = Files.readAllLines(log);
      assertThat(lines.get(0))
          .contains(" 127.0.0.1 \"GET /one?x=1\" 200 1 ")
          .endsWith(" web " + backend.address() + " 1");
      assertThat(lines.get(1)).contains("\"DELETE /two\" 200");
    }
  }

  @Test
  void aFullQueueDropsAndCounts(@TempDir Path dir) throws Exception {
    try (AsyncAccessLog log = new AsyncAccessLog(dir.resolve("a.log").toString(), 16)) {
      for (int i = 0; i < 10_000; i++) {
        log.log(new AccessEntry(0, "c", "GET", "/", 200, 0, 1, "s", "b", 1));
      }
      assertThat(log.dropped()).isPositive();
    }
  }
}
