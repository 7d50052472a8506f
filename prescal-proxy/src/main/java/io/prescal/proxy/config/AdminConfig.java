package io.prescal.proxy.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The admin HTTP endpoint.
 *
 * @param enabled whether it runs
 * @param address where it listens (loopback unless a token is set)
 * @param token bearer token required on every request (at least 16 characters), or empty for none
 * @param allowedHosts extra names (or addresses) clients may send in {@code Host}, besides the
 *     addresses it listens on; lower case, without port
 * @param idleTimeout how long a connection may take to send a complete request after it opened or
 *     after its last answer before it is closed
 */
public record AdminConfig(
    boolean enabled,
    InetSocketAddress address,
    String token,
    List<String> allowedHosts,
    Duration idleTimeout) {

  /** The shortest token accepted: 16 characters, as for the command secret. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public AdminConfig {
    allowedHosts = List.copyOf(allowedHosts);
  }
}
