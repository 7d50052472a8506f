package io.prescal.proxy.config;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.prescal.proxy.events.RedisSettings;
import io.prescal.proxy.provider.docker.DockerEngineSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Turns a parsed YAML tree into records, recording problems as it goes (see {@link ConfigNode}).
 */
final class ConfigReader {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");
  private final List<String> problems;
  private final UnaryOperator<String> env;

  ConfigReader(List<String> problems, UnaryOperator<String> env) {
    this.problems = problems;
    this.env = env;
  }

  ProxyConfig read(ConfigNode root) {
    root.allowOnly(
        List.of(
            "listen",
            "workers",
            "admin",
            "accessLog",
            "forwarded",
            "timeouts",
            "limits",
            "backendHeader",
            "services",
            "events",
            "docker",
            "scaling",
            "http2"));
    List<ListenerConfig> listen = new ListenerReader().read(root);
    int workers = (int) root.integer("workers", 0, 0, 256);
    String backendHeader = root.text("backendHeader", "");
    if (!backendHeader.isEmpty() && !HEADER.matcher(backendHeader).matches()) {
      root.problem("backendHeader", "\"" + backendHeader + "\" (expected: a header name)");
    }
    ScalingConfig scaling = new ScalingReader().scaling(root.child("scaling"));
    List<ServiceConfig> services = root.list("services", new ServiceReader(scaling)::read);
    if (services.isEmpty()) {
      root.problem("services", "missing (expected: at least one service with its backends)");
    }
    checkUnique(root, services);
    return new ProxyConfig(
        listen,
        workers,
        admin(root.child("admin")),
        accessLog(root.child("accessLog")),
        forwarded(root.child("forwarded")),
        timeouts(root.child("timeouts")),
        limits(root.child("limits")),
        backendHeader,
        services,
        events(root.child("events")),
        docker(root.child("docker")),
        scaling,
        http2(root.child("http2")),
        "");
  }

  private Http2Config http2(ConfigNode node) {
    node.allowOnly(
        List.of(
            "maxConcurrentStreams",
            "maxHeaderListSize",
            "streamWindow",
            "connectionWindow",
            "maxResets",
            "resetWindow",
            "maxQueuedControlFrames",
            "maxContinuationFrames"));
    Http2Config d = Http2Config.DEFAULTS;
    int streamWindow = (int) node.size("streamWindow", d.streamWindow(), 16 << 10, 16 << 20);
    int connectionWindow =
        (int) node.size("connectionWindow", d.connectionWindow(), 64 << 10, 1 << 30);
    if (connectionWindow < streamWindow) {
      node.problem(
          "connectionWindow",
          connectionWindow
              + " (expected: at least http2.streamWindow="
              + streamWindow
              + ", which one stream may fill)");
    }
    return new Http2Config(
        (int) node.integer("maxConcurrentStreams", d.maxConcurrentStreams(), 1, 10_000),
        (int) node.size("maxHeaderListSize", d.maxHeaderListSize(), 1 << 10, 1 << 20),
        streamWindow,
        connectionWindow,
        (int) node.integer("maxResets", d.maxResets(), 1, 1_000_000),
        node.duration("resetWindow", d.resetWindow(), Duration.ofSeconds(1)),
        (int) node.integer("maxQueuedControlFrames", d.maxQueuedControlFrames(), 16, 1_000_000),
        (int) node.integer("maxContinuationFrames", d.maxContinuationFrames(), 1, 1000));
  }

  /**
   * The event publisher's settings, or null when no Redis is named (in the file or in {@code
   * PRESCAL_REDIS_URL}). File values win; the environment fills in what the file leaves out ({@code
   * PRESCAL_COMMAND_SECRET}, {@code PRESCAL_INSTANCE_ID}, {@code PRESCAL_REDIS_PASSWORD_FILE},
   * {@code PRESCAL_REDIS_CA_FILE}).
   */
  private RedisSettings events(ConfigNode node) {
    node.allowOnly(List.of("redis", "commandSecret", "instanceId", "passwordFile", "caFile"));
    String uri = node.text("redis", env("PRESCAL_REDIS_URL"));
    if (uri == null) {
      if (!node.isMissing()) {
        node.problem(
            "redis",
            "missing (expected: a URI such as redis://127.0.0.1:6379, or PRESCAL_REDIS_URL)");
      }
      return null;
    }
    String secret = node.text("commandSecret", env("PRESCAL_COMMAND_SECRET"));
    String instance = node.text("instanceId", env("PRESCAL_INSTANCE_ID"));
    try {
      RedisSettings d = RedisSettings.of("redis://127.0.0.1:6379");
      // One constructor call, so that every problem of the section is listed at once.
      return new RedisSettings(
          uri,
          instance == null ? d.instanceId() : instance,
          secret,
          d.queueCapacity(),
          d.metricsInterval(),
          d.commandMaxSkew(),
          d.closeTimeout(),
          node.text("passwordFile", env("PRESCAL_REDIS_PASSWORD_FILE")),
          node.text("caFile", env("PRESCAL_REDIS_CA_FILE")));
    } catch (IllegalArgumentException e) {
      for (String problem : e.getMessage().split("; ")) {
        node.problem("", problem);
      }
      return null;
    }
  }

  private DockerEngineSettings docker(ConfigNode node) {
    node.allowOnly(
        List.of("host", "connectTimeout", "responseTimeout", "pingInterval", "maxBackoff"));
    DockerEngineSettings d = DockerEngineSettings.defaults();
    var settings =
        new DockerEngineSettings(
            node.text("host", null),
            node.duration("connectTimeout", d.connectTimeout(), Duration.ZERO),
            node.duration("responseTimeout", d.responseTimeout(), Duration.ZERO),
            node.duration("pingInterval", d.pingInterval(), Duration.ZERO),
            node.duration("maxBackoff", d.maxBackoff(), Duration.ZERO));
    node.problems(settings.problems());
    return settings;
  }

  private String env(String name) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? null : value;
  }

  private void checkUnique(ConfigNode root, List<ServiceConfig> services) {
    Set<String> names = new HashSet<>();
    Set<String> routes = new HashSet<>();
    for (ServiceConfig service : services) {
      if (!names.add(service.name())) {
        root.problem(
            "services", "name \"" + service.name() + "\" used twice (expected: unique names)");
      }
      for (String host : service.hosts()) {
        if (!routes.add(host.toLowerCase() + service.pathPrefix())) {
          root.problem(
              "services",
              "host \""
                  + host
                  + "\" with pathPrefix \""
                  + service.pathPrefix()
                  + "\" routed by two services (expected: each host and prefix once)");
        }
      }
    }
  }

  private AdminConfig admin(ConfigNode node) {
    node.allowOnly(List.of("enabled", "address", "token", "allowedHosts", "idleTimeout"));
    boolean enabled = node.bool("enabled", true);
    String text = node.text("address", "127.0.0.1:9900");
    InetSocketAddress address = Addresses.parse(text);
    if (address == null) {
      node.problem("address", "\"" + text + "\" (expected: ip:port, e.g. 127.0.0.1:9900)");
      address = new InetSocketAddress("127.0.0.1", 9900);
    }
    String token = adminToken(node);
    if (enabled && token.isEmpty() && !Addresses.isLoopback(address)) {
      node.problem(
          "address",
          "\""
              + text
              + "\" is not a loopback address and no token is set"
              + " (expected: 127.0.0.1:port, or set admin.token / PRESCAL_ADMIN_TOKEN)");
    }
    List<String> hosts = new ArrayList<>();
    for (String host : node.texts("allowedHosts")) {
      String name = host.trim().toLowerCase(Locale.ROOT);
      if (HOST_NAME.matcher(name).matches()
          || NetUtil.isValidIpV4Address(name)
          || NetUtil.isValidIpV6Address(name)) {
        hosts.add(name);
      } else {
        node.problem(
            "allowedHosts",
            "\""
                + host
                + "\" (expected: a host name or address without port, e.g. admin.example.com)");
      }
    }
    Duration idle = node.duration("idleTimeout", Duration.ofSeconds(30), Duration.ofMillis(1));
    return new AdminConfig(enabled, address, token, hosts, idle);
  }

  /**
   * The admin token, from {@code PRESCAL_ADMIN_TOKEN} or else the file; a short or unsendable one
   * is a problem, reported without its value since it is a secret.
   */
  private String adminToken(ConfigNode node) {
    String fromEnv = env("PRESCAL_ADMIN_TOKEN");
    String token = fromEnv != null ? fromEnv : node.text("token", "");
    String where = fromEnv != null ? "PRESCAL_ADMIN_TOKEN" : node.where("token");
    if (token.isEmpty()) {
      return token;
    }
    if (token.length() < AdminConfig.MIN_TOKEN_LENGTH) {
      problems.add(
          where
              + ": "
              + token.length()
              + " characters (expected: at least "
              + AdminConfig.MIN_TOKEN_LENGTH
              + ", e.g. the output of openssl rand -hex 16)");
    } else if (!TOKEN.matcher(token).matches()) {
      problems.add(
          where
              + ": contains spaces or characters outside printable ASCII (expected: letters,"
              + " digits and punctuation only, e.g. the output of openssl rand -hex 16)");
    }
    return token;
  }

  private AccessLogConfig accessLog(ConfigNode node) {
    node.allowOnly(List.of("enabled", "path", "queue"));
    return new AccessLogConfig(
        node.bool("enabled", false),
        node.text("path", "stdout"),
        (int) node.integer("queue", 8192, 16, 1_000_000));
  }

  private ForwardedConfig forwarded(ConfigNode node) {
    node.allowOnly(List.of("xForwarded", "rfc7239", "via", "trustedProxies"));
    List<IpSubnetFilterRule> trusted = new ArrayList<>();
    for (String cidr : node.texts("trustedProxies")) {
      IpSubnetFilterRule rule = cidr(cidr);
      if (rule == null) {
        node.problem(
            "trustedProxies", "\"" + cidr + "\" (expected: an address or CIDR, e.g. 10.0.0.0/8)");
      } else {
        trusted.add(rule);
      }
    }
    return new ForwardedConfig(
        node.bool("xForwarded", true),
        node.bool("rfc7239", true),
        node.text("via", "prescal"),
        trusted);
  }

  private static IpSubnetFilterRule cidr(String text) {
    String[] parts = text.trim().split("/", 2);
    try {
      InetSocketAddress address =
          Addresses.parse(
              parts[0].contains(":") && !parts[0].contains(".")
                  ? "[" + parts[0] + "]:0"
                  : parts[0] + ":0");
      if (address == null || address.isUnresolved()) {
        return null;
      }
      int bits = address.getAddress().getAddress().length * 8;
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
      if (prefix < 0 || prefix > bits) {
        return null;
      }
      return new IpSubnetFilterRule(address.getAddress(), prefix, IpFilterRuleType.ACCEPT);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private TimeoutConfig timeouts(ConfigNode node) {
    node.allowOnly(
        List.of(
            "connect",
            "responseHeader",
            "clientIdle",
            "upstreamIdle",
            "shutdownGrace",
            "requestHead"));
    Duration min = Duration.ofMillis(1);
    return new TimeoutConfig(
        node.duration("connect", Duration.ofSeconds(2), min),
        node.duration("responseHeader", Duration.ofSeconds(30), min),
        node.duration("clientIdle", Duration.ofSeconds(60), min),
        node.duration("upstreamIdle", Duration.ofSeconds(15), min),
        node.duration("shutdownGrace", Duration.ofSeconds(30), Duration.ZERO),
        node.duration("requestHead", Duration.ofSeconds(10), min));
  }

  private LimitsConfig limits(ConfigNode node) {
    node.allowOnly(
        List.of(
            "maxHeaderBytes",
            "maxUriBytes",
            "maxBodyBytes",
            "maxConnections",
            "maxConnectionsPerClient"));
    int maxConnections = (int) node.integer("maxConnections", 10_000, 1, MAX_CONNECTIONS);
    int perClient = (int) node.integer("maxConnectionsPerClient", 0, 1, MAX_CONNECTIONS);
    if (perClient > maxConnections) {
      node.problem(
          "maxConnectionsPerClient",
          perClient
              + " (expected: at most limits.maxConnections="
              + maxConnections
              + ", or no maxConnectionsPerClient for no per-client limit)");
    }
    return new LimitsConfig(
        (int) node.size("maxHeaderBytes", 16 << 10, 1024, 1 << 20),
        (int) node.size("maxUriBytes", 8 << 10, 256, 1 << 20),
        node.size("maxBodyBytes", 0, 0, Long.MAX_VALUE >> 1),
        maxConnections,
        perClient);
  }

  /** The most client connections a listener may hold (file descriptors run out well before). */
  private static final int MAX_CONNECTIONS = 1_000_000;

  static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
