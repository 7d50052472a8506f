package io.prescal.proxy.config;

import java.time.Duration;

/**
 * HTTP/2 on the client side: what one connection may hold, and the bounds that close it when a
 * client abuses the protocol (each ends the connection with GOAWAY).
 *
 * @param maxConcurrentStreams streams a client may have open at once
 *     (SETTINGS_MAX_CONCURRENT_STREAMS); more are refused with RST_STREAM REFUSED_STREAM
 * @param maxHeaderListSize a request's headers, decoded (SETTINGS_MAX_HEADER_LIST_SIZE); beyond it
 *     the stream is answered 431, beyond 1.25 times it the connection is closed
 * @param streamWindow request body bytes a stream may send before the proxy reads them (the initial
 *     flow-control window): the most a stream buffers
 * @param connectionWindow request body bytes all streams of a connection may send before the proxy
 *     reads them: the most a connection buffers
 * @param maxResets RST_STREAM frames a client may send per {@code resetWindow} (rapid reset,
 *     CVE-2023-44487)
 * @param resetWindow the window {@code maxResets} counts over
 * @param maxQueuedControlFrames control frames (SETTINGS and PING acknowledgements, RST_STREAM)
 *     waiting to be written to a client that does not read them
 * @param maxContinuationFrames CONTINUATION frames of under 8 KiB a header block may take (the
 *     CONTINUATION flood)
 */
public record Http2Config(
    int maxConcurrentStreams,
    int maxHeaderListSize,
    int streamWindow,
    int connectionWindow,
    int maxResets,
    Duration resetWindow,
    int maxQueuedControlFrames,
    int maxContinuationFrames) {

  /** The documented defaults. */
  public static final Http2Config DEFAULTS =
      new Http2Config(100, 16 << 10, 64 << 10, 1 << 20, 200, Duration.ofSeconds(30), 10_000, 16);
}
