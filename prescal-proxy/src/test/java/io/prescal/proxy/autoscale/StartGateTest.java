package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.config.ScalingConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.provider.Headroom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gate asks of the host before a start, and what it lets through. */
class StartGateTest {

  private final List<Headroom.Demand> asked = new ArrayList<>();
  private final ScalingConfig scaling = new ScalingConfig(50, 16, 4, 256L << 20, 512L << 20, 8.0);
  private final StartGate gate =
      new StartGate(
          "web",
          demand -> {
            asked.add(demand);
            return new Headroom.Room(demand.wanted(), null);
          },
          EventSink.NONE,
          new ScalingBounds("process", 6, 4, 256L << 20),
          scaling);

  @Test
  void theFirstBackendsOfAServiceWaitForMemoryButNeverForTheLoadAverage() {
    assertThat(gate.admit(2, 0, 0, 0)).isEqualTo(2);
    assertThat(asked.getLast().maxLoadPerCpu()).isZero();
    assertThat(asked.getLast().memoryPerBackend()).isEqualTo(256L << 20);

    assertThat(gate.admit(1, 2, 0, 0)).isEqualTo(1);
    assertThat(asked.getLast().maxLoadPerCpu()).isEqualTo(8.0);
  }

  @Test
  void startsStayUnderTheCeilingAndInWaves() {
    assertThat(gate.admit(10, 0, 0, 0)).as("one wave").isEqualTo(4);
    assertThat(gate.admit(10, 4, 2, 1)).as("the wave has room for one").isEqualTo(1);
    assertThat(gate.admit(10, 6, 0, 0)).as("at the ceiling").isZero();
  }
}
