package io.prescal.common.redis;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where prescal-event and the dashboard read their Redis settings, and in which order: Spring
 * Boot's own keys where a Spring Boot user expects them to work, {@code PRESCAL_REDIS_URL} as the
 * address every Prescal service shares. The first that applies, from the top:
 *
 * <ol>
 *   <li>{@code spring.data.redis.url} ({@code SPRING_DATA_REDIS_URL}): the whole address, as in
 *       Spring Boot, where it overrides the host, port, user, password and database keys;
 *   <li>{@code spring.data.redis.host}, {@code .port}, {@code .username}, {@code .password}, {@code
 *       .database}, {@code .ssl.enabled} ({@code SPRING_DATA_REDIS_HOST} ...): each replaces its
 *       part of the address below, the others keep theirs;
 *   <li>{@code prescal.redis.url} ({@code PRESCAL_REDIS_URL});
 *   <li>the service's default, e.g. {@code redis://localhost:6379}.
 * </ol>
 *
 * <p>The password file ({@code prescal.redis.password-file}) and CA file ({@code
 * prescal.redis.ca-file}) then apply as {@link RedisAccess} says, whichever gave the address. Plain
 * Java: the caller passes its own lookup (Spring's {@code Environment::getProperty}), which answers
 * null for a key nobody set.
 */
public final class RedisKeys {

  /** Spring Boot's URL key; wins over everything else. */
  public static final String SPRING_URL = "spring.data.redis.url";

  /** Spring Boot's host key. */
  public static final String SPRING_HOST = "spring.data.redis.host";

  /** Spring Boot's port key. */
  public static final String SPRING_PORT = "spring.data.redis.port";

  /** Spring Boot's user key (Redis 6 ACL). */
  public static final String SPRING_USERNAME = "spring.data.redis.username";

  /** Spring Boot's password key. */
  public static final String SPRING_PASSWORD = "spring.data.redis.password";

  /** Spring Boot's database key. */
  public static final String SPRING_DATABASE = "spring.data.redis.database";

  /** Spring Boot's TLS switch. */
  public static final String SPRING_SSL = "spring.data.redis.ssl.enabled";

  /** The address every Prescal service shares ({@code PRESCAL_REDIS_URL}). */
  public static final String PRESCAL_URL = "prescal.redis.url";

  /** The password file ({@code PRESCAL_REDIS_PASSWORD_FILE}). */
  public static final String PASSWORD_FILE = "prescal.redis.password-file";

  /** The CA file ({@code PRESCAL_REDIS_CA_FILE}). */
  public static final String CA_FILE = "prescal.redis.ca-file";

  /**
   * Spring Boot keys that name other topologies: refused rather than silently ignored, since the
   * connection is made from the address above.
   */
  private static final List<String> UNREAD =
      List.of(
          "spring.data.redis.sentinel.master",
          "spring.data.redis.sentinel.nodes",
          "spring.data.redis.cluster.nodes",
          "spring.data.redis.masterreplica.nodes");

  private RedisKeys() {}

  /**
   * The Redis access these settings give, in the order above.
   *
   * @param setting a key's value, null (or blank) when not set
   * @param defaultUrl the address when no key gives one
   * @throws IllegalArgumentException naming every problem, with the key that has it
   */
  public static RedisAccess resolve(Function<String, String> setting, String defaultUrl) {
    List<String> unread = new ArrayList<>();
    for (String key : UNREAD) {
      if (value(setting, key) != null) {
        unread.add(
            key
                + ": not read by Prescal (expected: Sentinels as a URL,"
                + " redis-sentinel://host:26379,host2:26379/0#master, in "
                + SPRING_URL
                + " or PRESCAL_REDIS_URL)");
      }
    }
    if (!unread.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", unread));
    }
    String passwordFile = value(setting, PASSWORD_FILE);
    String caFile = value(setting, CA_FILE);
    String url = value(setting, SPRING_URL);
    if (url == null) {
      String base = value(setting, PRESCAL_URL);
      url = withParts(base == null ? defaultUrl : base, setting, passwordFile != null);
    }
    return RedisAccess.of(url, passwordFile, caFile);
  }

  /** {@code base} with the parts the Spring Boot keys set replaced; {@code base} when none is. */
  private static String withParts(String base, Function<String, String> setting, boolean file) {
    String host = value(setting, SPRING_HOST);
    String port = value(setting, SPRING_PORT);
    String username = value(setting, SPRING_USERNAME);
    String password = value(setting, SPRING_PASSWORD);
    String database = value(setting, SPRING_DATABASE);
    String ssl = value(setting, SPRING_SSL);
    if (host == null
        && port == null
        && username == null
        && password == null
        && database == null
        && ssl == null) {
      return base;
    }
    List<String> problems = new ArrayList<>();
    URI uri = RedisAccess.of(base, null, null).sentinel() ? null : URI.create(base.trim());
    if (uri == null && (host != null || port != null)) {
      problems.add(
          SPRING_HOST
              + "/"
              + SPRING_PORT
              + ": given with a Sentinel address, "
              + RedisAccess.masked(base, file)
              + " (expected: the Sentinels in the URL, or a plain redis:// address)");
    }
    int portNumber = port == null ? -1 : number(SPRING_PORT, port, 1, 65535, problems);
    if (database != null) {
      number(SPRING_DATABASE, database, 0, Integer.MAX_VALUE, problems);
    }
    if (ssl != null && !ssl.equalsIgnoreCase("true") && !ssl.equalsIgnoreCase("false")) {
      problems.add(SPRING_SSL + ": \"" + ssl + "\" (expected: true or false)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    URI parsed = URI.create(base.trim());
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    if (ssl != null) {
      boolean tls = ssl.equalsIgnoreCase("true");
      scheme =
          scheme.endsWith("-sentinel")
              ? (tls ? "rediss-sentinel" : "redis-sentinel")
              : (tls ? "rediss" : "redis");
    }
    String authority = parsed.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hosts = authority.substring(at + 1);
    if (username != null || password != null) {
      String[] old = RedisAccess.credentials(parsed, file);
      String user = username != null ? username : old[0];
      String pass = password != null ? password : old[1];
      userInfo = (user == null ? "" : encode(user)) + (pass == null ? "" : ":" + encode(pass));
      if (user != null && pass == null && !file) {
        // A lone value is read as a password; a user without one keeps its colon.
        userInfo = encode(user) + ":";
      }
    }
    if (uri != null) {
      String h = host != null ? host : uri.getHost();
      if (h.contains(":") && !h.startsWith("[")) {
        h = "[" + h + "]";
      }
      int p = portNumber > 0 ? portNumber : uri.getPort();
      hosts = h + (p > 0 ? ":" + p : "");
    }
    String path = database != null ? "/" + database.strip() : parsed.getRawPath();
    String fragment = parsed.getRawFragment();
    return scheme
        + "://"
        + (userInfo == null || userInfo.isEmpty() ? "" : userInfo + "@")
        + hosts
        + (path == null ? "" : path)
        + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery())
        + (fragment == null ? "" : "#" + fragment);
  }

  private static int number(String key, String text, int min, int max, List<String> problems) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        key
            + ": \""
            + text
            + "\" (expected: a whole number from "
            + min
            + (max == Integer.MAX_VALUE ? " up" : " to " + max)
            + ")");
    return -1;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String value(Function<String, String> setting, String key) {
    String value = setting.apply(key);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
