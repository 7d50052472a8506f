package io.prescal.proxy.events;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.redis.RedisAccess;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the proxy reaches Redis and publishes to it. Build one with {@link #of(String)} and the
 * {@code with...} methods; every value is checked at construction and all problems are reported in
 * one message.
 *
 * @param uri the Redis URI: {@code redis://[user:password@]host[:port][/database]}, {@code
 *     rediss://} for TLS, or {@code redis-sentinel://host:26379[,host2:26379]/database#master}
 * @param instanceId this proxy instance's id, the {@code source} of every envelope it writes
 * @param commandSecret the secret shared with the dashboard to verify commands, or null: then every
 *     command is rejected
 * @param queueCapacity messages held while Redis is slow or away; the oldest are dropped beyond
 * @param metricsInterval how often a metrics snapshot is published
 * @param commandMaxSkew how far a command's time may be from this proxy's clock
 * @param closeTimeout how long {@code close()} waits for queued messages to go out
 * @param passwordFile a file whose first line is the Redis password (the URI then names only the
 *     user), or null; see {@link RedisAccess}
 * @param caFile PEM certificates to trust for a {@code rediss://} URI instead of the JVM's, or null
 */
public record RedisSettings(
    String uri,
    String instanceId,
    String commandSecret,
    int queueCapacity,
    Duration metricsInterval,
    Duration commandMaxSkew,
    Duration closeTimeout,
    String passwordFile,
    String caFile) {

  /** Default {@link #queueCapacity}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  public RedisSettings {
    passwordFile = passwordFile == null || passwordFile.isBlank() ? null : passwordFile;
    caFile = caFile == null || caFile.isBlank() ? null : caFile;
    List<String> problems = new ArrayList<>();
    if (uri == null || uri.isBlank()) {
      problems.add("redis uri: " + quote(uri) + " (expected: e.g. redis://127.0.0.1:6379)");
    } else {
      boolean parsed = false;
      try {
        RedisURI.create(uri);
        parsed = true;
      } catch (RuntimeException e) {
        problems.add(uriProblem(uri));
      }
      if (parsed) {
        try {
          RedisAccess.of(uri, passwordFile, caFile);
        } catch (IllegalArgumentException e) {
          problems.addAll(List.of(e.getMessage().split("; ")));
        }
      }
    }
    if (instanceId == null || instanceId.isBlank()) {
      problems.add("instance id: " + quote(instanceId) + " (expected: non-blank)");
    }
    if (commandSecret != null
        && commandSecret.getBytes(StandardCharsets.UTF_8).length < CommandSigner.MIN_SECRET_BYTES) {
      problems.add(
          "command secret: "
              + commandSecret.length()
              + " characters (expected: at least "
              + CommandSigner.MIN_SECRET_BYTES
              + " bytes, or none to refuse all commands)");
    }
    if (queueCapacity < 1) {
      problems.add("queue capacity: " + queueCapacity + " (expected: >= 1)");
    }
    positive(metricsInterval, "metrics interval", problems);
    positive(commandMaxSkew, "command max skew", problems);
    if (closeTimeout == null || closeTimeout.isNegative()) {
      problems.add("close timeout: " + closeTimeout + " (expected: >= 0)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * Settings for {@code uri} with the defaults: instance id {@link #defaultInstanceId()}, no
   * command secret, a queue of {@value #DEFAULT_QUEUE_CAPACITY}, metrics every second, 30 s of
   * command clock skew, 2 s to flush on close.
   */
  public static RedisSettings of(String uri) {
    return new RedisSettings(
        uri,
        defaultInstanceId(),
        null,
        DEFAULT_QUEUE_CAPACITY,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        null,
        null);
  }

  /** This host's name and this process's id, e.g. {@code web-1-4711}. */
  public static String defaultInstanceId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "proxy";
      }
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  public RedisSettings withInstanceId(String id) {
    return toBuilder().instanceId(id).build();
  }

  public RedisSettings withCommandSecret(String secret) {
    return toBuilder().commandSecret(secret).build();
  }

  public RedisSettings withQueueCapacity(int capacity) {
    return toBuilder().queueCapacity(capacity).build();
  }

  public RedisSettings withMetricsInterval(Duration interval) {
    return toBuilder().metricsInterval(interval).build();
  }

  public RedisSettings withCommandMaxSkew(Duration skew) {
    return toBuilder().commandMaxSkew(skew).build();
  }

  public RedisSettings withCloseTimeout(Duration timeout) {
    return toBuilder().closeTimeout(timeout).build();
  }

  /** These settings with the password read from {@code file} (null or blank: from the URI). */
  public RedisSettings withPasswordFile(String file) {
    return toBuilder().passwordFile(file).build();
  }

  /** These settings trusting the certificates in {@code file} (null or blank: the JVM's). */
  public RedisSettings withCaFile(String file) {
    return toBuilder().caFile(file).build();
  }

  /** A builder holding these settings: the one place that copies every field. */
  private Builder toBuilder() {
    Builder b = new Builder();
    b.uri = uri;
    b.instanceId = instanceId;
    b.commandSecret = commandSecret;
    b.queueCapacity = queueCapacity;
    b.metricsInterval = metricsInterval;
    b.commandMaxSkew = commandMaxSkew;
    b.closeTimeout = closeTimeout;
    b.passwordFile = passwordFile;
    b.caFile = caFile;
    return b;
  }

  /** The fields of a copy being made; {@link #build()} checks them all, as the constructor does. */
  private static final class Builder {
    private String uri;
    private String instanceId;
    private String commandSecret;
    private int queueCapacity;
    private Duration metricsInterval;
    private Duration commandMaxSkew;
    private Duration closeTimeout;
    private String passwordFile;
    private String caFile;

    Builder instanceId(String value) {
      instanceId = value;
      return this;
    }

    Builder commandSecret(String value) {
      commandSecret = value;
      return this;
    }

    Builder queueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    Builder metricsInterval(Duration value) {
      metricsInterval = value;
      return this;
    }

    Builder commandMaxSkew(Duration value) {
      commandMaxSkew = value;
      return this;
    }

    Builder closeTimeout(Duration value) {
      closeTimeout = value;
      return this;
    }

    Builder passwordFile(String value) {
      passwordFile = value;
      return this;
    }

    Builder caFile(String value) {
      caFile = value;
      return this;
    }

    RedisSettings build() {
      return new RedisSettings(
          uri,
          instanceId,
          commandSecret,
          queueCapacity,
          metricsInterval,
          commandMaxSkew,
          closeTimeout,
          passwordFile,
          caFile);
    }
  }

  /** The parsed URI, with the user and password from the password file when there is one. */
  RedisURI redisUri() {
    RedisURI parsed = RedisURI.create(uri);
    if (passwordFile != null) {
      RedisAccess access = RedisAccess.of(uri, passwordFile, caFile);
      parsed.setCredentialsProvider(
          new StaticCredentialsProvider(access.username(), access.password().toCharArray()));
    }
    return parsed;
  }

  /** The TLS options: trust the CA file's certificates when there is one, else the JVM's. */
  SslOptions sslOptions() {
    if (caFile == null) {
      return SslOptions.create();
    }
    return SslOptions.builder()
        .jdkSslProvider()
        .trustManager(RedisAccess.of(uri, passwordFile, caFile).trustManagers())
        .build();
  }

  /** The URI with its password hidden, for logs and messages. */
  public String maskedUri() {
    return RedisAccess.masked(uri, passwordFile != null);
  }

  /** Never prints the password or the secret. */
  @Override
  public String toString() {
    return "RedisSettings[uri="
        + maskedUri()
        + ", instanceId="
        + instanceId
        + ", commandSecret="
        + (commandSecret == null ? "none" : "set")
        + ", queueCapacity="
        + queueCapacity
        + ", metricsInterval="
        + metricsInterval
        + ", commandMaxSkew="
        + commandMaxSkew
        + ", closeTimeout="
        + closeTimeout
        + ", passwordFile="
        + passwordFile
        + ", caFile="
        + caFile
        + "]";
  }

  private static String uriProblem(String uri) {
    return "redis uri: \""
        + RedisAccess.masked(uri, false)
        + "\" (expected: redis://[user:password@]host[:port][/database], rediss:// for"
        + " TLS, or redis-sentinel://host:port/database#master)";
  }

  private static void positive(Duration value, String name, List<String> problems) {
    if (value == null || value.isZero() || value.isNegative()) {
      problems.add(name + ": " + value + " (expected: > 0)");
    }
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
