/**
 * The client side of the proxy: listeners ({@link io.prescal.proxy.server.ProxyServer}), the client
 * pipeline ({@link io.prescal.proxy.server.ProxyServerInitializer}), and the request path: {@link
 * io.prescal.proxy.server.ClientRequestHandler} reads requests with AUTO_READ off and hands each to
 * an {@link io.prescal.proxy.server.Exchange}, which picks a backend, streams the body both ways
 * with read-after-write backpressure, retries and answers errors.
 */
package io.prescal.proxy.server;
