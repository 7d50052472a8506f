package io.prescal.proxy.events;

/**
 * The replay memory every proxy on one Redis shares: which commands were seen, when first, and by
 * which proxy processes. See {@link RedisCommandSightings}.
 */
interface CommandSightings {

  /** What the shared memory says about a command this process just received. */
  enum Sighting {
    /** New to this process, and first seen after it began listening: apply it. */
    FIRST,
    /** This process accepted it before: a replay. */
    AGAIN,
    /**
     * Some proxy saw it before this process began listening, so this copy was published again after
     * the original (Pub/Sub delivers a message only to those listening then): a replay, typically
     * to a restarted proxy.
     */
    BEFORE_LISTENING
  }

  /**
   * Marks when this process begins listening for commands. Called before every attempt to
   * subscribe; the first mark that succeeds stays (resubscriptions after a lost connection keep
   * it).
   *
   * @throws RuntimeException when the shared memory cannot be reached; subscribing is then retried
   */
  void listening();

  /**
   * Records that this process received {@code commandId} and says whether it may be applied.
   *
   * @throws RuntimeException when the shared memory cannot be reached or refuses the call
   */
  Sighting sight(String commandId);
}
