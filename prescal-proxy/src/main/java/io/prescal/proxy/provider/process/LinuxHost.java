package io.prescal.proxy.provider.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HostFigures} from Linux's {@code /proc}: {@code MemTotal} and {@code MemAvailable} of
 * {@code meminfo}, the first figure of {@code loadavg}, and the CPUs the JVM may use. Inside a
 * container {@code /proc/meminfo} shows the whole host, not the container's memory limit.
 */
public final class LinuxHost implements HostFigures {
  private static final Logger LOG = LoggerFactory.getLogger(LinuxHost.class);

  private final Path proc;
  private volatile boolean warned;

  /** The figures under {@code proc} (normally {@code /proc}). */
  public LinuxHost(Path proc) {
    this.proc = proc;
  }

  /** This machine's figures. */
  public static LinuxHost local() {
    return new LinuxHost(Path.of("/proc"));
  }

  @Override
  public Optional<Snapshot> read() {
    try {
      long total = -1;
      long available = -1;
      for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          total = kibibytes(line);
        } else if (line.startsWith("MemAvailable:")) {
          available = kibibytes(line);
        }
      }
      String loadavg = Files.readString(proc.resolve("loadavg")).strip();
      double load1 = Double.parseDouble(loadavg.substring(0, loadavg.indexOf(' ')));
      if (total < 0 || available < 0) {
        throw new IOException("no MemTotal or MemAvailable in " + proc.resolve("meminfo"));
      }
      return Optional.of(
          new Snapshot(total, available, Runtime.getRuntime().availableProcessors(), load1));
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.warn(
            "cannot read the host's memory and load from {} ({}): process backends start without"
                + " a headroom check",
            proc,
            e.getMessage());
      }
      return Optional.empty();
    }
  }

  /** "MemAvailable: 24223632 kB" in bytes. */
  private static long kibibytes(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]) * 1024;
  }
}
