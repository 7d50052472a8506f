package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.history.HistoryPoint;
import org.junit.jupiter.api.Test;

class HistoryPointTest {

  private static final EventCodec CODEC = new EventCodec();

  @Test
  void roundTripsAndPinsItsFields() {
    HistoryPoint point = new HistoryPoint(1_764_072_000_000L, 310.5, 0.002, 12.5, 48.0, 2, 4, 7, 0);
    String json = CODEC.writePoint(point);
    assertThat(json)
        .isEqualTo(
            "{\"time\":1764072000000,\"requestRate\":310.5,\"errorRate\":0.002,\"p50Millis\":12.5,"
                + "\"p99Millis\":48.0,\"readyReplicas\":2,\"desiredReplicas\":4,\"inFlight\":7,"
                + "\"queueLength\":0}");
    assertThat(CODEC.readPoint(json)).isEqualTo(point);
  }

  @Test
  void garbageIsAClearError() {
    assertThatThrownBy(() -> CODEC.readPoint("{\"time\":\"yesterday\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("history point: ");
  }
}
