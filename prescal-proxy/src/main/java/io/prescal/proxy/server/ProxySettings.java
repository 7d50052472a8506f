package io.prescal.proxy.server;

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
 */
public record ProxySettings(
    ForwardedConfig forwarded, TimeoutConfig timeouts, LimitsConfig limits, String backendHeader) {

  /** The request path's part of {@code config}. */
  public static ProxySettings of(ProxyConfig config) {
    return new ProxySettings(
        config.forwarded(), config.timeouts(), config.limits(), config.backendHeader());
  }
}
