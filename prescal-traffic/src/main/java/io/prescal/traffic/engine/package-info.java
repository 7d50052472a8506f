/**
 * The load engine: one {@link io.prescal.traffic.engine.Worker} per Netty event loop, each with its
 * own keep-alive connections and pre-encoded requests, recording latency into single-writer
 * HdrHistogram recorders on the loop; {@link io.prescal.traffic.engine.LoadRun} starts the workers
 * and collects an {@link io.prescal.traffic.engine.Interval} of everything measured, once a second.
 */
package io.prescal.traffic.engine;
