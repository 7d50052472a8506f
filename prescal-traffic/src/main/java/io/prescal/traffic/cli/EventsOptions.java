package io.prescal.traffic.cli;

import io.prescal.common.redis.RedisAccess;
import io.prescal.traffic.events.EventWatcher;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --events}: Prescal's Redis, read as the other components read it ({@link RedisAccess}):
 * the URL, a password file and a CA file, the files defaulting to the same environment variables.
 */
final class EventsOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--events",
      paramLabel = "redis://HOST:PORT",
      description = {
        "Subscribe to Prescal's events and put scale events on the timeline:"
            + " redis://[user[:password]@]HOST:PORT, or rediss:// for TLS. Against the Redis"
            + " Prescal starts, log in as the read-only user observer:"
            + " --events redis://observer@127.0.0.1:6379 --redis-password-file FILE."
      })
  String url;

  @Option(
      names = "--redis-password-file",
      paramLabel = "FILE",
      defaultValue = "${env:PRESCAL_REDIS_PASSWORD_FILE}",
      description = {
        "--events: a file whose first line is the Redis password (the URL then names only the"
            + " user), as the proxy, prescal-event and the dashboard read it (default: the"
            + " environment's PRESCAL_REDIS_PASSWORD_FILE). Keeps the password out of the"
            + " process list and shell history."
      })
  String passwordFile;

  @Option(
      names = "--redis-ca-file",
      paramLabel = "FILE",
      defaultValue = "${env:PRESCAL_REDIS_CA_FILE}",
      description =
          "--events with rediss://: PEM certificates to trust instead of the JVM's (a private CA;"
              + " default: the environment's PRESCAL_REDIS_CA_FILE).")
  String caFile;

  /** The subscription, or null without {@code --events}. */
  EventWatcher subscribe() {
    if (url == null) {
      for (String file : new String[] {"--redis-password-file", "--redis-ca-file"}) {
        if (mixee.commandLine().getParseResult().hasMatchedOption(file)) {
          throw new UsageException(file + ": only used with --events (add --events redis://...)");
        }
      }
      return null;
    }
    String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")) : "";
    if (!scheme.toLowerCase(Locale.ROOT).matches("rediss?")) {
      throw new UsageException(
          "--events: \""
              + RedisAccess.masked(url, false)
              + "\" is not a Redis URI (expected: redis://[user[:password]@]HOST:PORT or"
              + " rediss://)");
    }
    RedisAccess access;
    try {
      access = RedisAccess.of(url, passwordFile, caFile);
      access.database(); // a database that is not a number is refused here, not at connect
    } catch (IllegalArgumentException e) {
      throw new UsageException("--events: " + e.getMessage());
    }
    return EventWatcher.subscribe(access);
  }
}
