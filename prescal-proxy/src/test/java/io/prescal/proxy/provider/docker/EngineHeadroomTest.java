package io.prescal.proxy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.provider.Headroom.Demand;
import io.prescal.proxy.provider.Headroom.Room;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Docker provider's headroom check against the engine's memory, with given figures. */
class EngineHeadroomTest {
  private static final long GIB = 1L << 30;

  private final AtomicLong memTotal = new AtomicLong(8 * GIB);
  private final AtomicLong others = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();
  private final EngineHeadroom headroom =
      new EngineHeadroom(
          "unix:///var/run/docker.sock",
          memTotal::get,
          () -> others.get() + running.get() * GIB,
          running::get,
          GIB);

  private Room room(int wanted, int asked) {
    return headroom.room(new Demand("web", wanted, asked, 0, GIB, GIB, 8));
  }

  @Test
  void containersAreCountedAtTheirLimitAgainstMemTotalLessTheReserve() {
    running.set(3);
    // 8 GiB - 1 GiB reserve - 3 running - 1 starting = 3 GiB: three more 1 GiB containers.
    assertThat(room(5, 1).fits()).isEqualTo(3);
    assertThat(headroom.reservedHere()).isEqualTo(3 * GIB);
  }

  @Test
  void otherServicesContainersOnTheEngineCountToo() {
    others.set(6 * GIB + GIB / 2);
    Room room = room(1, 0);
    assertThat(room.fits()).isZero();
    assertThat(room.shortOf())
        .isEqualTo(
            "no room on the Docker engine at unix:///var/run/docker.sock for another container"
                + " of web: 8.0 GiB of memory (MemTotal), 1.0 GiB kept in reserve"
                + " (scaling.memoryReserve), 6.5 GiB taken by Prescal's containers, 0 starting,"
                + " and a container needs 1.0 GiB (its memory limit or memoryPerBackend); starts"
                + " resume when containers stop");
  }

  @Test
  void anEngineWhoseMemoryIsNotKnownYetRefusesNothing() {
    memTotal.set(0);
    assertThat(room(4, 0).fits()).isEqualTo(4);
  }
}
