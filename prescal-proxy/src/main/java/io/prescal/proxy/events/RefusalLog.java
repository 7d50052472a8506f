package io.prescal.proxy.events;

import io.prescal.common.codec.Printable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs refused commands so that a flood costs little and forges nothing: at most one line per
 * {@link RefusalKind} per interval (the next line says how many were left out meanwhile), and every
 * field taken from the message {@link Printable}, so a message's own CR, LF or escape codes never
 * reach the log and the raw message is never written. Thread-safe.
 */
final class RefusalLog {

  /** The default interval between two lines of one kind. */
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private static final int FIELD_CHARS = 80;
  private static final int REASON_CHARS = 300;

  private static final class Tally {
    long lastLoggedNanos;
    long suppressed;
    boolean logged;
  }

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<RefusalKind, Tally> tallies = new EnumMap<>(RefusalKind.class);

  /**
   * @param log where lines go
   * @param interval the least time between two lines of one kind
   * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
   */
  RefusalLog(Logger log, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Logs {@code refusal}, or counts it as left out when its kind was logged too recently.
   *
   * @return whether a line was written
   */
  synchronized boolean refused(CommandVerdict.Refuse refusal) {
    Tally tally = tallies.computeIfAbsent(refusal.kind(), k -> new Tally());
    long now = nanoTime.getAsLong();
    if (tally.logged && now - tally.lastLoggedNanos < intervalNanos) {
      tally.suppressed++;
      return false;
    }
    String left =
        tally.suppressed == 0
            ? ""
            : " ("
                + tally.suppressed
                + " more "
                + refusal.kind().label()
                + " since the last line, not logged)";
    log.info(
        "command {} ({}) for {} rejected as {}: {}{}",
        Printable.of(refusal.commandId(), FIELD_CHARS),
        Printable.of(refusal.type(), FIELD_CHARS),
        Printable.of(refusal.service(), FIELD_CHARS),
        refusal.kind().label(),
        Printable.of(refusal.reason(), REASON_CHARS),
        left);
    tally.logged = true;
    tally.lastLoggedNanos = now;
    tally.suppressed = 0;
    return true;
  }
}
