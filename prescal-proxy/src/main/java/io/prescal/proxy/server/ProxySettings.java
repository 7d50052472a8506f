package io.prescal.proxy.server;

import io.netty.util.AsciiString;
import io.prescal.proxy.config.ForwardedConfig;
import io.prescal.proxy.config.Http2Config;
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
 * @param http2 HTTP/2 limits (read when a connection starts speaking HTTP/2)
 */
public record ProxySettings(
    ForwardedConfig forwarded,
    TimeoutConfig timeouts,
    LimitsConfig limits,
    String backendHeader,
    AsciiString viaHop,
    Http2Config http2) {

  /** Settings with the Via element derived from {@code forwarded}, and HTTP/2's defaults. */
  public ProxySettings(
      ForwardedConfig forwarded,
      TimeoutConfig timeouts,
      LimitsConfig limits,
      String backendHeader) {
    this(forwarded, timeouts, limits, backendHeader, Http2Config.DEFAULTS);
  }

  /** Settings with the Via element derived from {@code forwarded}. */
  public ProxySettings(
      ForwardedConfig forwarded,
      TimeoutConfig timeouts,
      LimitsConfig limits,
      String backendHeader,
      Http2Config http2) {
    this(
        forwarded,
        timeouts,
        limits,
        backendHeader,
        forwarded.via().isEmpty() ? null : new AsciiString("1.1 " + forwarded.via()),
        http2);
  }

  /** The request path's part of {@code config}. */
  public static ProxySettings of(ProxyConfig config) {
    return new ProxySettings(
        config.forwarded(),
        config.timeouts(),
        config.limits(),
        config.backendHeader(),
        config.http2());
  }
}
