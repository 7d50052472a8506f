package io.prescal.proxy.pool;

import io.prescal.common.event.BackendState;
import java.util.List;

/**
 * An immutable view of a service's backends.
 *
 * @param all every backend the pool knows, whatever its state
 * @param routable the READY ones: those new requests may go to
 */
public record PoolSnapshot(List<Backend> all, List<Backend> routable) {
  static final PoolSnapshot EMPTY = new PoolSnapshot(List.of(), List.of());

  public PoolSnapshot {
    all = List.copyOf(all);
    routable = List.copyOf(routable);
  }

  static PoolSnapshot of(List<Backend> all) {
    return new PoolSnapshot(
        all, all.stream().filter(b -> b.state() == BackendState.READY).toList());
  }

  /** The backend with id {@code id}, or null. */
  public Backend find(String id) {
    for (Backend backend : all) {
      if (backend.id().equals(id)) {
        return backend;
      }
    }
    return null;
  }

  /** How many backends are in {@code state}. */
  public int count(BackendState state) {
    int count = 0;
    for (Backend backend : all) {
      if (backend.state() == state) {
        count++;
      }
    }
    return count;
  }
}
