package io.prescal.common;

import java.util.Objects;

/** Redis key names: the history prescal-event keeps, and the proxies' memory of commands. */
public final class Keys {

  /** The event log: a capped Redis Stream, one entry per event, field {@code json}. */
  public static final String EVENT_LOG = "prescal:eventlog";

  /** The field of an {@link #EVENT_LOG} entry that holds the envelope's JSON. */
  public static final String EVENT_LOG_FIELD = "json";

  /** The prefix of the keys that make a retried event log batch land once. */
  public static final String EVENT_LOG_BATCH_PREFIX = "prescal:eventlog:batch:";

  /**
   * The key where one prescal-event process ({@code writer}, random per process) keeps the token of
   * the last batch it appended to {@link #EVENT_LOG}: a batch whose call timed out on the client
   * may have been written all the same, and its retry must not write it twice. Expires ten minutes
   * after the writer's last batch.
   */
  public static String eventLogBatch(String writer) {
    Objects.requireNonNull(writer, "writer");
    return EVENT_LOG_BATCH_PREFIX + writer;
  }

  /** The prefix of every history key. */
  public static final String HISTORY_PREFIX = "prescal:history:";

  /** The set of service names that have history. */
  public static final String HISTORY_SERVICES = HISTORY_PREFIX + "services";

  /** The prefix of the keys that remember which operator commands were seen. */
  public static final String COMMAND_SEEN_PREFIX = "prescal:commands:seen:";

  /**
   * The key that remembers one operator command, e.g. {@code prescal:commands:seen:<commandId>}: a
   * hash written by the proxies that receive the command. Field {@code first} holds when the first
   * proxy saw it (Redis' clock, microseconds since the epoch); one more field per proxy process
   * that accepted it. It expires twice the allowed clock skew after the first sighting: an older
   * command is refused as stale anyway. A proxy refuses a command it already accepted, and one
   * first seen before it began listening (a republished copy: Pub/Sub delivers each message only to
   * those listening when it is published), so a restarted or newly started proxy cannot be made to
   * apply a captured command again.
   */
  public static String commandSeen(String commandId) {
    Objects.requireNonNull(commandId, "commandId");
    return COMMAND_SEEN_PREFIX + commandId;
  }

  /** The resolution of a history series. */
  public enum Resolution {
    /** One point per second. */
    SECOND("1s", 1_000),
    /** One point per minute. */
    MINUTE("1m", 60_000);

    private final String suffix;
    private final long millis;

    Resolution(String suffix, long millis) {
      this.suffix = suffix;
      this.millis = millis;
    }

    /** The suffix used in key names, {@code 1s} or {@code 1m}. */
    public String suffix() {
      return suffix;
    }

    /** The width of one point in milliseconds. */
    public long millis() {
      return millis;
    }
  }

  /**
   * The key of one service's history at one resolution: a sorted set scored by the point's epoch
   * milliseconds whose members are JSON {@code HistoryPoint}s, e.g. {@code prescal:history:web:1s}.
   */
  public static String history(String service, Resolution resolution) {
    Objects.requireNonNull(service, "service");
    return HISTORY_PREFIX + service + ":" + resolution.suffix();
  }

  private Keys() {}
}
