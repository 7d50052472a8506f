package io.prescal.proxy.config;

import java.net.InetSocketAddress;

/**
 * The admin HTTP endpoint.
 *
 * @param enabled whether it runs
 * @param address where it listens (loopback unless a token is set)
 * @param token bearer token required on every request, or empty for none
 */
public record AdminConfig(boolean enabled, InetSocketAddress address, String token) {}
