package io.prescal.proxy.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses a command seen before, so a captured command cannot be played again. Two memories: this
 * process's own (answers a replay to the same process without asking Redis, and holds even if the
 * keys in Redis are deleted), then the {@link CommandSightings} every proxy shares through Redis
 * (answers a replay to a restarted or newly started proxy). Both remember a command for as long as
 * it could pass the clock-skew check; an older one is refused as stale anyway. Used from one
 * thread.
 */
final class ReplayGuard {

  /** Upper bound on ids remembered by this process, against a flood of validly signed commands. */
  static final int MAX_REMEMBERED = 100_000;

  /** What the guard says about a command. */
  enum Verdict {
    /** Never seen: apply it. */
    FIRST,
    /** This process saw it before. */
    SEEN_HERE,
    /** A proxy saw it before this process began listening: published again. */
    SEEN_BEFORE_LISTENING
  }

  private record Seen(String id, Instant forgetAt) {}

  private final Duration keep;
  private final CommandSightings shared;
  private final Set<String> ids = new HashSet<>();
  private final ArrayDeque<Seen> order = new ArrayDeque<>();

  /**
   * @param maxSkew the allowed skew: a command stays "seen" until its time plus twice this
   * @param shared the replay memory shared with the other proxies
   */
  ReplayGuard(Duration maxSkew, CommandSightings shared) {
    this.keep = maxSkew.multipliedBy(2);
    this.shared = shared;
  }

  /**
   * Records {@code id} and says whether it was seen before.
   *
   * @throws RuntimeException when the shared memory cannot be asked: the caller must refuse the
   *     command (the id is remembered here all the same)
   */
  Verdict check(String id, Instant commandTime, Instant now) {
    if (!firstSeenHere(id, commandTime, now)) {
      return Verdict.SEEN_HERE;
    }
    return switch (shared.sight(id)) {
      case FIRST -> Verdict.FIRST;
      case AGAIN -> Verdict.SEEN_HERE;
      case BEFORE_LISTENING -> Verdict.SEEN_BEFORE_LISTENING;
    };
  }

  private boolean firstSeenHere(String id, Instant commandTime, Instant now) {
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
