/**
 * The load engine: one {@link io.prescal.traffic.engine.Worker} per Netty event loop, each with its
 * own keep-alive connections and pre-encoded requests, recording latency into single-writer
 * HdrHistogram recorders on the loop; {@link io.prescal.traffic.engine.LoadRun} starts the workers
 * and collects an {@link io.prescal.traffic.engine.Interval} of everything measured, once a second.
 * A connection is HTTP/1.1 ({@link io.prescal.traffic.engine.Http1Connection}, one request in
 * flight) or HTTP/2 ({@link io.prescal.traffic.engine.Http2ClientConnection}, one per stream),
 * plain or over TLS; the models see both as a {@link io.prescal.traffic.engine.Connection} with
 * room for some requests.
 */
package io.prescal.traffic.engine;
