package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.EventType;
import io.prescal.testing.EventSamples;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class DecodeCountersTest {

  @Test
  void countsEveryOutcomeByKindAndKeepsGoing() {
    EventCodec codec = new EventCodec();
    DecodeCounters counters = new DecodeCounters("test");
    String good = codec.encode(EventSamples.envelope(EventType.BACKEND_READY));
    String[] messages = {
      good,
      "garbage",
      "garbage again",
      "[]",
      "{\"schema\":\"1.0\",\"type\":\"future.thing\"}",
      "{\"schema\":\"9.0\",\"type\":\"backend.ready\"}",
      good
    };
    int accepted = 0;
    for (String message : messages) {
      if (counters.accept(codec.decode(message)).isPresent()) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(2);
    assertThat(counters.events()).isEqualTo(2);
    assertThat(counters.rejected()).isEqualTo(5);
    assertThat(counters.byKind())
        .isEqualTo(
            Map.of(
                "malformed.not_json", 2L,
                "malformed.not_an_envelope", 1L,
                "skipped.unknown_type", 1L,
                "skipped.unsupported_version", 1L));
  }

  @Test
  void textFromAMessageIsLoggedOnOneLine() {
    Logger logger = Logger.getLogger(DecodeCounters.class.getName());
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(new SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      DecodeCounters counters = new DecodeCounters("test");
      counters.accept(
          new EventCodec()
              .decode("{\"schema\":\"1.0\",\"type\":\"x\\r\\nINFO forged line\",\"data\":{}}"));
      assertThat(lines).hasSize(1);
      assertThat(lines.getFirst())
          .contains("x\\r\\nINFO forged line")
          .doesNotContain("\n")
          .doesNotContain("\r");
    } finally {
      logger.removeHandler(capture);
    }
  }
}
