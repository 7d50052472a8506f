package io.prescal.proxy.config;

import java.net.InetSocketAddress;

/**
 * A static backend.
 *
 * @param address where it listens
 * @param weight its share of traffic relative to the others (1 to 1000)
 */
public record BackendConfig(InetSocketAddress address, int weight) {}
