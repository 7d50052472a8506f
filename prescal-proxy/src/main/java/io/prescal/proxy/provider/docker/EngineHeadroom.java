package io.prescal.proxy.provider.docker;

import io.prescal.proxy.provider.Headroom;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the Docker engine can take more containers of one service: its memory ({@code docker
 * info}'s {@code MemTotal}) less the reserve must hold what Prescal's containers of every service
 * take (each counted at its service's memory per backend: the {@code memory} limit, or {@code
 * memoryPerBackend}), the starts under way and each new one. A container's limit is what it may
 * take, so this holds even when every container grows to its limit.
 */
final class EngineHeadroom implements Headroom {
  private final String host;
  private final LongSupplier memTotal;
  private final LongSupplier reserved;
  private final IntSupplier running;
  private volatile long memoryPerBackend;

  /**
   * @param host the engine, for the sentence
   * @param memTotal the engine's memory, 0 while unknown (then nothing is refused)
   * @param reserved what every service's containers on the engine take, these included
   * @param running this service's containers that run
   * @param memoryPerBackend this service's memory per container until a check says otherwise
   */
  EngineHeadroom(
      String host,
      LongSupplier memTotal,
      LongSupplier reserved,
      IntSupplier running,
      long memoryPerBackend) {
    this.host = host;
    this.memTotal = memTotal;
    this.reserved = reserved;
    this.running = running;
    this.memoryPerBackend = memoryPerBackend;
  }

  /** What this service's running containers take, at its memory per container. */
  long reservedHere() {
    return running.getAsInt() * memoryPerBackend;
  }

  @Override
  public Room room(Demand d) {
    memoryPerBackend = d.memoryPerBackend(); // a reload may have changed it
    long total = memTotal.getAsLong();
    if (total <= 0 || d.memoryPerBackend() <= 0) {
      return new Room(d.wanted(), null);
    }
    long taken = reserved.getAsLong();
    long free = total - d.memoryReserve() - taken - (long) d.asked() * d.memoryPerBackend();
    int fits = (int) Math.clamp(free / d.memoryPerBackend(), 0, d.wanted());
    if (fits == d.wanted()) {
      return new Room(fits, null);
    }
    return new Room(
        fits,
        "no room on the Docker engine at "
            + host
            + " for another container of "
            + d.service()
            + ": "
            + Headroom.bytes(total)
            + " of memory (MemTotal), "
            + Headroom.bytes(d.memoryReserve())
            + " kept in reserve (scaling.memoryReserve), "
            + Headroom.bytes(taken)
            + " taken by Prescal's containers, "
            + d.asked()
            + " starting, and a container needs "
            + Headroom.bytes(d.memoryPerBackend())
            + " (its memory limit or memoryPerBackend); starts resume when containers stop");
  }
}
