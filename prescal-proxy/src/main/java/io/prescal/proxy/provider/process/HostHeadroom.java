package io.prescal.proxy.provider.process;

import io.prescal.proxy.provider.Headroom;

/**
 * Whether the host can take more process backends: its available memory ({@code MemAvailable}) less
 * the reserve must hold each backend started but not yet grown, and each new one; and the 1-minute
 * load average must be at most {@code maxLoadPerCpu} per CPU. Backends that run and are ready
 * already show in {@code MemAvailable}; those still starting do not yet, so they are counted at
 * their expected size.
 */
public final class HostHeadroom implements Headroom {
  private final HostFigures figures;

  public HostHeadroom(HostFigures figures) {
    this.figures = figures;
  }

  @Override
  public Room room(Demand d) {
    var read = figures.read();
    if (read.isEmpty()) {
      return new Room(d.wanted(), null); // not measurable here: LinuxHost said so once
    }
    HostFigures.Snapshot host = read.get();
    if (d.maxLoadPerCpu() > 0 && host.load1() > d.maxLoadPerCpu() * host.cpus()) {
      return new Room(
          0,
          String.format(
              java.util.Locale.ROOT,
              "no new backend of %s while the host's 1-minute load average is %.1f on %d CPUs"
                  + " (above scaling.maxLoadPerCpu=%s per CPU); starts resume when it falls",
              d.service(),
              host.load1(),
              host.cpus(),
              trimmed(d.maxLoadPerCpu())));
    }
    if (d.memoryPerBackend() <= 0) {
      return new Room(d.wanted(), null);
    }
    long free = host.memAvailable() - d.memoryReserve() - d.inProgress() * d.memoryPerBackend();
    int fits = (int) Math.clamp(free / d.memoryPerBackend(), 0, d.wanted());
    if (fits == d.wanted()) {
      return new Room(fits, null);
    }
    return new Room(
        fits,
        "no room on this host for another backend of "
            + d.service()
            + ": "
            + Headroom.bytes(host.memAvailable())
            + " of memory available (MemAvailable), "
            + Headroom.bytes(d.memoryReserve())
            + " kept in reserve (scaling.memoryReserve), "
            + d.inProgress()
            + " starting at "
            + Headroom.bytes(d.memoryPerBackend())
            + " each, and a backend needs "
            + Headroom.bytes(d.memoryPerBackend())
            + " (memoryPerBackend); starts resume when memory frees up");
  }

  private static String trimmed(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
