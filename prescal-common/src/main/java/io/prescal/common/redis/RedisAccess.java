package io.prescal.common.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a Prescal service reaches Redis: its URL, the user and password, and the certificates it
 * trusts for TLS. The proxy, prescal-event and the dashboard all resolve their settings here, so
 * the same three settings mean the same everywhere:
 *
 * <ul>
 *   <li>the URL ({@code PRESCAL_REDIS_URL}): {@code redis://[user:password@]host[:port][/db]},
 *       {@code rediss://} for TLS, or a Sentinel address: {@code
 *       redis-sentinel://[user:password@]host:26379[,host2:26379...][/db]#master} ({@code
 *       rediss-sentinel://} for TLS), where the user and password serve the sentinels and the
 *       master alike;
 *   <li>a password file ({@code PRESCAL_REDIS_PASSWORD_FILE}): its first line is the password, and
 *       the URL then names only the user: {@code redis://proxy@redis:6379}. A password in the URL
 *       as well is refused: it would be unclear which one counts;
 *   <li>a CA file ({@code PRESCAL_REDIS_CA_FILE}): PEM certificates to trust, instead of the JVM's
 *       own, for a {@code rediss://} URL; with a {@code redis://} URL it is refused (it would do
 *       nothing).
 * </ul>
 *
 * @param url the URL as given
 * @param username the user, or null for Redis' {@code default} user
 * @param password the password, or null for none
 * @param tls whether the URL asks for TLS
 * @param caFile the certificates to trust, or null for the JVM's own
 */
public record RedisAccess(String url, String username, String password, boolean tls, Path caFile) {

  /**
   * Resolves the three settings; blank ones count as absent.
   *
   * @throws IllegalArgumentException naming every problem, one sentence each, joined by "; " (never
   *     found within one)
   */
  public static RedisAccess of(String url, String passwordFile, String caFile) {
    List<String> problems = new ArrayList<>();
    URI uri = null;
    if (blank(url)) {
      problems.add("redis url: none (expected: e.g. redis://127.0.0.1:6379)");
    } else {
      try {
        uri = new URI(url.trim());
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
          throw new URISyntaxException(url, "no scheme or host");
        }
      } catch (URISyntaxException e) {
        problems.add(
            "redis url: \""
                + masked(url, false)
                + "\" (expected: redis://[user:password@]host[:port][/database], rediss:// for"
                + " TLS)");
        uri = null;
      }
    }
    String[] credentials = uri == null ? new String[2] : credentials(uri, !blank(passwordFile));
    String username = credentials[0];
    String password = credentials[1];
    if (uri != null && isSentinel(uri)) {
      sentinelProblem(uri, url).ifPresent(problems::add);
    }
    if (!blank(passwordFile)) {
      if (password != null) {
        problems.add(
            "redis password: given in the URL and in the file "
                + passwordFile
                + " (expected: only one of them, and with a file a URL that names only the user,"
                + " e.g. redis://proxy@host:6379)");
      }
      password = readPassword(Path.of(passwordFile.trim()), problems);
    }
    boolean tls = uri != null && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("rediss");
    Path ca = null;
    if (!blank(caFile)) {
      ca = Path.of(caFile.trim());
      if (uri != null && !tls) {
        problems.add(
            "redis CA file "
                + ca
                + ": given for a URL without TLS, "
                + masked(url, !blank(passwordFile))
                + " (expected: a rediss:// URL, or no CA file)");
      }
      try {
        certificates(ca);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new RedisAccess(url.trim(), username, password, tls, ca);
  }

  /**
   * The URL's user and password, decoded, each null when absent: {@code user:password}, or a lone
   * value that is the password ({@code redis://secret@host}, as Redis and Lettuce read it) unless a
   * password file gives the password (then it is the user).
   */
  static String[] credentials(URI uri, boolean withPasswordFile) {
    String userInfo = userInfo(uri);
    if (userInfo == null) {
      return new String[2];
    }
    int colon = userInfo.indexOf(':');
    if (colon >= 0) {
      return new String[] {
        emptyToNull(decode(userInfo.substring(0, colon))),
        emptyToNull(decode(userInfo.substring(colon + 1)))
      };
    }
    String lone = emptyToNull(decode(userInfo));
    return withPasswordFile ? new String[] {lone, null} : new String[] {null, lone};
  }

  /** Whether the URL names Sentinels ({@code redis-sentinel://}, {@code rediss-sentinel://}). */
  public boolean sentinel() {
    return isSentinel(URI.create(url));
  }

  /**
   * Where the Sentinels are and which master they watch, for a {@code redis-sentinel://} URL.
   *
   * @throws IllegalStateException for a URL that names no Sentinels
   */
  public Sentinels sentinels() {
    URI uri = URI.create(url);
    if (!isSentinel(uri)) {
      throw new IllegalStateException("not a Sentinel URL: " + maskedUrl());
    }
    return parseSentinels(uri).orElseThrow();
  }

  /**
   * The Sentinels of a {@code redis-sentinel://} URL.
   *
   * @param master the name the Sentinels know the master by
   * @param nodes the Sentinels, in the order given
   */
  public record Sentinels(String master, List<Node> nodes) {
    public Sentinels {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * One host and port.
   *
   * @param host a name or an address (IPv6 without brackets)
   * @param port the port
   */
  public record Node(String host, int port) {}

  /** The URL without its user and password: where Redis is, fit for a banner or a log line. */
  public String address() {
    int start = url.indexOf("://");
    int at = url.lastIndexOf('@');
    return start < 0 || at < start ? url : url.substring(0, start + 3) + url.substring(at + 1);
  }

  /** The host of a {@code redis://} or {@code rediss://} URL. */
  public String host() {
    String host = standalone().getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port of a {@code redis://} or {@code rediss://} URL, 6379 when it names none. */
  public int port() {
    int port = standalone().getPort();
    return port < 0 ? 6379 : port;
  }

  /** The database the URL names, 0 when it names none. */
  public int database() {
    String path = URI.create(url).getPath();
    String db = path == null ? "" : path.replace("/", "");
    try {
      return db.isEmpty() ? 0 : Integer.parseInt(db);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "redis url: \"" + maskedUrl() + "\": database \"" + db + "\" (expected: a number)");
    }
  }

  /**
   * A key store holding the CA file's certificates as trusted entries, or null when there is no CA
   * file (then the JVM's own trust store applies).
   */
  public KeyStore trustStore() {
    if (caFile == null) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates(caFile)) {
        store.setCertificateEntry("prescal-redis-ca-" + i++, certificate);
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("redis CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * A trust manager factory for the CA file's certificates, or null when there is no CA file (then
   * the JVM's own trust store applies).
   */
  public TrustManagerFactory trustManagers() {
    KeyStore store = trustStore();
    if (store == null) {
      return null;
    }
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("redis CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** The URL with its password hidden, for logs and messages. */
  public String maskedUrl() {
    return masked(url, username != null);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "RedisAccess[url="
        + maskedUrl()
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "set")
        + ", tls="
        + tls
        + ", caFile="
        + caFile
        + "]";
  }

  private URI standalone() {
    URI uri = URI.create(url);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "redis url: \""
              + maskedUrl()
              + "\" (expected: redis://[user:password@]host[:port][/database] or rediss://)");
    }
    return uri;
  }

  private static boolean isSentinel(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("redis-sentinel") || scheme.equals("rediss-sentinel");
  }

  /** What is wrong with a Sentinel URL, if anything: no master, or a node that is no host:port. */
  private static Optional<String> sentinelProblem(URI uri, String url) {
    try {
      if (parseSentinels(uri).isEmpty()) {
        throw new IllegalArgumentException("no master named");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "redis url: \""
              + masked(url, false)
              + "\": "
              + e.getMessage()
              + " (expected: redis-sentinel://[user:password@]host:26379[,host2:26379...][/db]"
              + "#master)");
    }
  }

  /** The Sentinels and master of a Sentinel URI; empty when it names no master. */
  private static Optional<Sentinels> parseSentinels(URI uri) {
    String authority = uri.getRawAuthority();
    String hosts = authority.substring(authority.lastIndexOf('@') + 1);
    List<Node> nodes = new ArrayList<>();
    for (String node : hosts.split(",")) {
      nodes.add(node(node.strip()));
    }
    String master = uri.getFragment();
    if (blank(master) && uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        if (pair.startsWith("sentinelMasterId=")) {
          master = pair.substring("sentinelMasterId=".length());
        }
      }
    }
    return blank(master) ? Optional.empty() : Optional.of(new Sentinels(master.strip(), nodes));
  }

  private static Node node(String text) {
    String host = text;
    int port = 26379;
    int colon = text.lastIndexOf(':');
    if (colon > text.lastIndexOf(']')) {
      host = text.substring(0, colon);
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("sentinel \"" + text + "\" is not host:port");
    }
    return new Node(host, port);
  }

  /** The URL's user information, raw; null when it has none. Sentinel URLs list several hosts. */
  private static String userInfo(URI uri) {
    String authority = uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    return at < 0 ? null : authority.substring(0, at);
  }

  private static String readPassword(Path file, List<String> problems) {
    String first;
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      first = lines.isEmpty() ? "" : lines.getFirst().strip();
    } catch (IOException e) {
      problems.add(
          "redis password file "
              + file
              + ": cannot be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ", expected: a file whose first line is the password)");
      return null;
    }
    if (first.isEmpty()) {
      problems.add(
          "redis password file " + file + ": the first line is empty (expected: the password)");
      return null;
    }
    return first;
  }

  private static Collection<? extends Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> found =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            "redis CA file " + file + ": no certificate in it (expected: PEM certificates)");
      }
      return found;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "redis CA file "
              + file
              + ": cannot be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "redis CA file "
              + file
              + ": no certificate could be read ("
              + e.getMessage()
              + ", expected: PEM certificates)");
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * {@code url} with its password hidden: {@code redis://user:***@host}, {@code redis://***@host}
   * for a lone password. With a password file the URL's lone user information is a user name, not a
   * password, and is shown.
   */
  public static String masked(String url, boolean withPasswordFile) {
    if (url == null) {
      return null;
    }
    int start = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (start < 0 || at < start) {
      return url;
    }
    String info = url.substring(start + 3, at);
    int colon = info.indexOf(':');
    String shown =
        colon >= 0 ? info.substring(0, colon + 1) + "***" : withPasswordFile ? info : "***";
    return url.substring(0, start + 3) + shown + url.substring(at);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
