package io.prescal.proxy.provider;

/**
 * Whether the host (or the Docker engine) can take more backends of one service now: asked before
 * every start, so that scaling never starts what the machine cannot hold. A refusal pauses starts
 * (the scale loop says so with {@code scaling.paused}) until there is room again.
 */
@FunctionalInterface
public interface Headroom {

  /** Never short: for providers whose backends do not live on a host Prescal can measure. */
  Headroom UNBOUNDED = demand -> new Room(demand.wanted(), null);

  /** How many of the backends {@code demand} wants fit now, and why not more. */
  Room room(Demand demand);

  /**
   * What the scale loop would start now.
   *
   * @param service the service, for the sentence
   * @param wanted backends it would start now (already within the ceiling and the wave)
   * @param asked starts asked of the provider and not yet answered
   * @param starting backends that run but are not ready yet (a JVM that has not yet grown)
   * @param memoryPerBackend bytes one backend is expected to use; 0 when unknown
   * @param memoryReserve bytes of the host never handed to backends
   * @param maxLoadPerCpu no start while the 1-minute load average is above this per CPU; 0: no CPU
   *     check
   */
  record Demand(
      String service,
      int wanted,
      int asked,
      int starting,
      long memoryPerBackend,
      long memoryReserve,
      double maxLoadPerCpu) {

    /** Backends started but not yet at their full size. */
    public int inProgress() {
      return asked + starting;
    }
  }

  /**
   * The answer.
   *
   * @param fits how many of the wanted backends may start, from 0 to {@code wanted}
   * @param shortOf why no more fit, in one sentence naming the figures and the setting to change;
   *     null when all fit
   */
  record Room(int fits, String shortOf) {}

  /** A byte count as people read it: "512 MiB", "1.5 GiB". */
  static String bytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return Math.max(0, bytes >> 20) + " MiB";
  }
}
