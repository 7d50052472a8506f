package io.prescal.traffic.engine;

import org.HdrHistogram.Histogram;

/**
 * How a run's connections were made.
 *
 * @param opened connections that became ready (warm-up included: the closed model opens its
 *     connections then)
 * @param connect time from the start of each connect until it could carry a request (TCP, TLS
 *     handshake, HTTP/2 SETTINGS), microseconds
 * @param handshake the TLS handshakes' time, microseconds (empty without TLS)
 * @param tlsSession the first handshake's TLS version and cipher, or null
 * @param firstError why the first connection that failed was not made, or null
 */
public record ConnectFigures(
    long opened, Histogram connect, Histogram handshake, String tlsSession, String firstError) {}
