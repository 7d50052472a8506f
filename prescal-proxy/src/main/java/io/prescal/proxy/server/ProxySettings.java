package io.prescal.proxy.server;

import io.netty.util.AsciiString;
import io.prescal.proxy.config.ForwardedConfig;
import io.prescal.proxy.config.LimitsConfig;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.config.TimeoutConfig;

/**
 * The request path's settings, swapped as a whole on reload; each request reads them once.
 *
 * @param forwarded forwarding headers
 * @param timeouts timeouts
 * @param limits request limits
 * @param backendHeader response header naming the backend, or empty
 * @param viaHop this proxy's Via element for HTTP/1.1 messages ({@code 1.1 prescal}), built once
 *     rather than per message; null when Via is off
 */
public record ProxySettings(
    ForwardedConfig forwarded,
    TimeoutConfig timeouts,
    LimitsConfig limits,
    String backendHeader,
    AsciiString viaHop) {

  /** Settings with the Via element derived from {@code forwarded}. */
  public ProxySettings(
      ForwardedConfig forwarded,
      TimeoutConfig timeouts,
      LimitsConfig limits,
      String backendHeader) {
    this(
        forwarded,
        timeouts,
        limits,
        backendHeader,
        forwarded.via().isEmpty() ? null : new AsciiString("1.1 " + forwarded.via()));
  }

  /** The request path's part of {@code config}. */
  public static ProxySettings of(ProxyConfig config) {
    return new ProxySettings(
        config.forwarded(), config.timeouts(), config.limits(), config.backendHeader());
  }
}
