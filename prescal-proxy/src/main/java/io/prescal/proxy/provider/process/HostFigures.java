package io.prescal.proxy.provider.process;

import java.util.Optional;

/**
 * The host's memory and CPU figures, read when a start is considered. {@link LinuxHost} reads
 * {@code /proc}; tests give their own.
 */
@FunctionalInterface
public interface HostFigures {

  /** The figures now, or empty when this host does not tell (no {@code /proc}). */
  Optional<Snapshot> read();

  /**
   * One reading.
   *
   * @param memTotal the host's memory, in bytes
   * @param memAvailable memory the kernel can give without swapping ({@code MemAvailable}), bytes
   * @param cpus the CPUs this process may use
   * @param load1 the 1-minute load average
   */
  record Snapshot(long memTotal, long memAvailable, int cpus, double load1) {}
}
