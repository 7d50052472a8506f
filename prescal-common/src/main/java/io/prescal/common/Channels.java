package io.prescal.common;

/** Redis Pub/Sub channel names. Every message on them is a JSON {@code Envelope}. */
public final class Channels {

  /** Discrete events (backend lifecycle, health, scale decisions...), written by proxies. */
  public static final String EVENTS = "prescal:events";

  /** One {@code MetricsSnapshot} per second per proxy instance. */
  public static final String METRICS = "prescal:metrics";

  /** One aggregated {@code StateSnapshot} per second, written by prescal-event. */
  public static final String STATE = "prescal:state";

  /** Operator commands (scale, limits, pause, resume, drain), written by the dashboard. */
  public static final String COMMANDS = "prescal:commands";

  /**
   * The largest message a proxy reads on {@link #COMMANDS}, in bytes: 16 KiB. A command is a few
   * hundred bytes; anything larger is refused by its length alone, before it is copied or parsed.
   */
  public static final int COMMAND_MAX_BYTES = 16 * 1024;

  private Channels() {}
}
