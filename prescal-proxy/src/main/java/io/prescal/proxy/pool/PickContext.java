package io.prescal.proxy.pool;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;

/**
 * What a balancer may look at to pick a backend: the request's headers and the client's address
 * (for consistent hashing).
 *
 * @param headers the request headers
 * @param client the client's address, or null
 */
public record PickContext(HttpHeaders headers, InetAddress client) {}
