package io.prescal.proxy.provider.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.provider.Headroom;
import io.prescal.proxy.provider.Headroom.Demand;
import io.prescal.proxy.provider.Headroom.Room;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process provider's headroom check: given figures, and this machine's own {@code /proc}. */
class HostHeadroomTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private static HostHeadroom host(long available, int cpus, double load) {
    return new HostHeadroom(
        () -> Optional.of(new HostFigures.Snapshot(24 * GIB, available, cpus, load)));
  }

  private static Demand demand(int wanted, int asked, int starting) {
    return new Demand("web", wanted, asked, starting, 512 * MIB, 512 * MIB, 8);
  }

  @Test
  void asManyStartAsFitInAvailableMemoryLessTheReserveAndWhatIsStarting() {
    // 3 GiB available - 512 MiB reserve - 2 starting x 512 MiB = 1.5 GiB: three more fit.
    assertThat(host(3 * GIB, 2, 0.5).room(demand(4, 1, 1)).fits()).isEqualTo(3);
    assertThat(host(3 * GIB, 2, 0.5).room(demand(3, 1, 1))).isEqualTo(new Room(3, null));
  }

  @Test
  void aHostShortOfMemoryRefusesWithTheFiguresAndTheKeys() {
    Room room = host(GIB, 2, 0.5).room(demand(4, 0, 1));
    assertThat(room.fits()).isZero();
    assertThat(room.shortOf())
        .isEqualTo(
            "no room on this host for another backend of web: 1.0 GiB of memory available"
                + " (MemAvailable), 512 MiB kept in reserve (scaling.memoryReserve), 1 starting at"
                + " 512 MiB each, and a backend needs 512 MiB (memoryPerBackend); starts resume"
                + " when memory frees up");
  }

  @Test
  void aLoadAboveTheLimitPerCpuRefusesEveryStart() {
    Room room = host(20 * GIB, 2, 16.5).room(demand(1, 0, 0));
    assertThat(room.fits()).isZero();
    assertThat(room.shortOf())
        .isEqualTo(
            "no new backend of web while the host's 1-minute load average is 16.5 on 2 CPUs"
                + " (above scaling.maxLoadPerCpu=8 per CPU); starts resume when it falls");
    // 0 turns the load check off.
    assertThat(
            host(20 * GIB, 2, 1_400)
                .room(new Demand("web", 1, 0, 0, 512 * MIB, 512 * MIB, 0))
                .fits())
        .isEqualTo(1);
  }

  @Test
  void withoutFiguresNothingIsRefused() {
    assertThat(new HostHeadroom(Optional::empty).room(demand(4, 0, 0)).fits()).isEqualTo(4);
  }

  @Test
  void linuxHostReadsMeminfoAndLoadavg(@TempDir Path proc) throws IOException {
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal:       24683664 kB\nMemFree:         1000000 kB\nMemAvailable:   2097152 kB\n");
    Files.writeString(proc.resolve("loadavg"), "3.25 1.00 0.50 2/300 12345\n");

    HostFigures.Snapshot read = new LinuxHost(proc).read().orElseThrow();

    assertThat(read.memTotal()).isEqualTo(24683664L * 1024);
    assertThat(read.memAvailable()).isEqualTo(2 * GIB);
    assertThat(read.load1()).isEqualTo(3.25);
    assertThat(read.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(new LinuxHost(proc.resolve("missing")).read()).isEmpty();
  }

  @Test
  void thisMachinesOwnFiguresRefuseABackendLargerThanTheHost() {
    HostFigures.Snapshot real = LinuxHost.local().read().orElseThrow();
    assertThat(real.memAvailable()).isPositive().isLessThanOrEqualTo(real.memTotal());
    assertThat(real.load1()).isNotNegative();

    HostHeadroom headroom = new HostHeadroom(LinuxHost.local());
    Room room = headroom.room(new Demand("web", 1, 0, 0, 2 * real.memTotal(), 0, 0));
    assertThat(room.fits()).isZero();
    assertThat(room.shortOf()).startsWith("no room on this host for another backend of web: ");
    assertThat(headroom.room(new Demand("web", 1, 0, 0, MIB, 0, 0)).fits()).isEqualTo(1);
    assertThat(Headroom.bytes(1536 * MIB)).isEqualTo("1.5 GiB");
  }
}
