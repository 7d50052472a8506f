package io.prescal.proxy.autoscale;

import java.util.List;

/**
 * A service's warm pool as {@code /status} and {@code /metrics} show it.
 *
 * @param size backends the service keeps warm ({@code warmPool.size})
 * @param backends the warm backends now, frozen or on their way there
 */
public record WarmPoolStatus(int size, List<Backend> backends) {

  /** No warm pool. */
  public static final WarmPoolStatus NONE = new WarmPoolStatus(0, List.of());

  /**
   * One warm backend.
   *
   * @param id its id, or null while the provider starts it
   * @param address host:port, or null while the provider starts it
   * @param state {@code starting} (started, probed, being frozen) or {@code frozen} (ready to thaw)
   */
  public record Backend(String id, String address, String state) {}

  public WarmPoolStatus {
    backends = List.copyOf(backends);
  }

  /** Frozen backends: those a scale-out thaws at once. */
  public int frozen() {
    return (int) backends.stream().filter(b -> b.state().equals("frozen")).count();
  }

  /** Backends on their way to frozen. */
  public int starting() {
    return backends.size() - frozen();
  }

  /** Whether there is anything to show: a size set, or warm backends left after it was unset. */
  public boolean shown() {
    return size > 0 || !backends.isEmpty();
  }
}
