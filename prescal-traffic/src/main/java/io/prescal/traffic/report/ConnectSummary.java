package io.prescal.traffic.report;

import io.prescal.traffic.engine.ConnectFigures;

/**
 * How the run's connections were made, as wrk and oha report connect times. Connect time is kept
 * out of request latency, except where a request had to wait for its connection (the open model,
 * when no connection had room: its latency runs from its intended send time).
 *
 * @param opened connections made ready (warm-up included)
 * @param time from the start of the connect until it could carry a request (TCP connect, TLS
 *     handshake, HTTP/2 SETTINGS), microseconds
 * @param handshake the TLS handshakes alone, or null without TLS
 * @param tls the TLS version and cipher of the first handshake and the engine, or null
 * @param firstError why the first failed connection was not made, or null
 */
public record ConnectSummary(
    long opened, Latency time, Latency handshake, String tls, String firstError) {

  /** The summary of {@code f}; {@code engine} names the TLS engine (null without TLS). */
  public static ConnectSummary of(ConnectFigures f, String engine) {
    boolean tls = f.handshake().getTotalCount() > 0 || f.tlsSession() != null;
    return new ConnectSummary(
        f.opened(),
        Latency.of(f.connect()),
        tls ? Latency.of(f.handshake()) : null,
        f.tlsSession() == null ? null : f.tlsSession() + " (" + engine + ")",
        f.firstError());
  }
}
