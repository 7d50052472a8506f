/**
 * The proxy's side of the event pipeline: what the rest of the proxy hands events to ({@link
 * io.prescal.proxy.events.EventSink}), what it reads metrics from ({@link
 * io.prescal.proxy.events.MetricsSource}), what applies operator commands ({@link
 * io.prescal.proxy.events.CommandHandler}), and their Redis implementation, {@link
 * io.prescal.proxy.events.RedisEventPipeline}.
 *
 * <h2>Wiring it into the proxy</h2>
 *
 * <pre>{@code
 * EventSink sink = EventSink.NONE;
 * RedisEventPipeline pipeline = null;
 * if (config.events() != null) {                       // the YAML's events: section
 *   RedisSettings settings = RedisSettings.of(config.events().redisUri())  // redis://, rediss://, redis-sentinel://
 *       .withCommandSecret(config.events().commandSecret());              // null: commands refused
 *   // optional: .withInstanceId("proxy-1") (default hostname-pid), .withQueueCapacity(10_000)
 *   pipeline = RedisEventPipeline.start(settings, metricsSource, commandHandler);
 *   sink = pipeline;                                    // hand it to pools, health checks, autoscaler
 * }
 * ...
 * // on shutdown, after proxy.stopping was published:
 * if (pipeline != null) pipeline.close();              // flushes the queue for up to 2 s
 * }</pre>
 *
 * <p>{@code start} returns at once and never fails because Redis is away: it connects in the
 * background with backoff. {@link io.prescal.proxy.events.RedisEventPipeline#publish} never blocks
 * and never throws; {@link io.prescal.proxy.events.RedisEventPipeline#stats} gives the counters
 * (published, dropped, queued, connected, subscribed) for the admin API and Prometheus.
 *
 * <h2>Behaviour</h2>
 *
 * <ul>
 *   <li>Discrete events go to {@code prescal:events}; one {@code MetricsSnapshot} per interval
 *       (default 1 s) from the {@code MetricsSource} goes to {@code prescal:metrics}. Every
 *       envelope's {@code source} is the instance id.
 *   <li>A bounded queue (default 10,000) sits between callers and Redis; a single publisher thread
 *       sends pipelined batches. While Redis is away the oldest messages are dropped and counted;
 *       when it is back, the publisher waits up to 3 s for a subscriber on {@code prescal:events}
 *       (Pub/Sub keeps nothing) and publishes {@code publisher.recovered} with the drops and the
 *       outage's length.
 *   <li>Commands on {@code prescal:commands} over 16 KiB are refused by their length, unread. The
 *       rest are decoded, their HMAC verified with the configured secret, refused when their time
 *       is more than 30 s (default) from this proxy's clock or their id was seen before (by this
 *       process, or by any proxy before this one began listening: the replay memory shared through
 *       Redis, {@code prescal:commands:seen:<id>}; when Redis cannot answer that check the command
 *       is refused), then applied through the {@code CommandHandler} on a worker thread. Commands
 *       are answered with {@code command.accepted} or {@code command.rejected} (commandId "unknown"
 *       when unreadable); refusals anyone could provoke are logged and answered once per kind per
 *       10 s, with no raw text in the log, and all are counted in {@link
 *       io.prescal.proxy.events.PublisherStats}. Without a secret every command is refused with a
 *       reason that says how to set one.
 * </ul>
 */
package io.prescal.proxy.events;
