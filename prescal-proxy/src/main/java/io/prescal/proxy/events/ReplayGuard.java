package io.prescal.proxy.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the ids of accepted commands for as long as their time is within the allowed skew, so a
 * captured command cannot be played again. Older commands are refused as stale anyway, so nothing
 * needs to be remembered longer. Used from one thread.
 */
final class ReplayGuard {

  /** Upper bound on remembered ids, against a flood of validly signed commands. */
  static final int MAX_REMEMBERED = 100_000;

  private record Seen(String id, Instant forgetAt) {}

  private final Duration keep;
  private final Set<String> ids = new HashSet<>();
  private final ArrayDeque<Seen> order = new ArrayDeque<>();

  /**
   * @param maxSkew the allowed skew: a command stays "seen" until its time plus twice this
   */
  ReplayGuard(Duration maxSkew) {
    this.keep = maxSkew.multipliedBy(2);
  }

  /** Records {@code id}; false when it was seen before (a replay). */
  boolean firstSeen(String id, Instant commandTime, Instant now) {
    while (!order.isEmpty()
        && (order.peekFirst().forgetAt().isBefore(now) || order.size() >= MAX_REMEMBERED)) {
      ids.remove(order.pollFirst().id());
    }
    if (!ids.add(id)) {
      return false;
    }
    Instant forgetAt = commandTime.plus(keep);
    order.addLast(new Seen(id, forgetAt.isAfter(now) ? forgetAt : now.plus(keep)));
    return true;
  }
}
