package io.prescal.traffic.cli;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.serve.BackendSettings;
import io.prescal.traffic.serve.LatencyModel;
import io.prescal.traffic.serve.SyntheticBackend;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the synthetic backend, until SIGTERM (which drains it). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a synthetic HTTP backend: /healthz (200 while alive), /ready (200 after"
          + " --startup-delay, 503 while draining), /echo (returns the request body), and every"
          + " other path with the configured latency, CPU work, errors and size (query parameters"
          + " latency, cpu, status and size override them per request).",
      "SIGTERM stops accepting, finishes in-flight requests and exits."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description = "Address (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--latency",
      defaultValue = "0",
      description = "Delay per request: 10ms, uniform:5ms-20ms or exp:10ms (default: none).")
  String latency;

  @Option(
      names = "--cpu",
      defaultValue = "0s",
      converter = Converters.DurationConverter.class,
      description = "Busy CPU time per request, e.g. 200us (default: none).")
  Duration cpu;

  @Option(
      names = "--error-rate",
      defaultValue = "0",
      description = "Share of requests answered 500, 0 to 1.")
  double errorRate;

  @Option(
      names = "--size",
      defaultValue = "16",
      converter = Converters.SizeConverter.class,
      description = "Response body size, e.g. 512, 4k (default: ${DEFAULT-VALUE} bytes).")
  int size;

  @Option(
      names = "--startup-delay",
      defaultValue = "0s",
      converter = Converters.DurationConverter.class,
      description =
          "Time before /ready answers 200, to show cold starts (default: ${DEFAULT-VALUE}).")
  Duration startupDelay;

  @Option(names = "--id", description = "Identity sent in X-Served-By (default: hostname:port).")
  String id;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Event loops (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--drain-timeout",
      defaultValue = "30s",
      converter = Converters.DurationConverter.class,
      description = "Longest wait for in-flight requests on SIGTERM (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Override
  public Integer call() throws Exception {
    BackendSettings settings;
    try {
      settings =
          new BackendSettings(
              bind,
              port,
              LatencyModel.parse(latency),
              cpu.toNanos(),
              errorRate,
              size,
              startupDelay,
              id,
              threads,
              drainTimeout);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    SyntheticBackend backend = SyntheticBackend.start(settings);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("serve: listening on %s:%d as %s%n", bind, backend.port(), backend.identity());
    out.flush();
    CountDownLatch drained = new CountDownLatch(1);
    SyntheticBackend running = backend;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.printf(
                      "serve: stopping: draining %d in-flight request(s)%n", running.inFlight());
                  out.flush();
                  int abandoned = running.drain();
                  out.printf("serve: stopped (%d request(s) abandoned)%n", abandoned);
                  out.flush();
                  drained.countDown();
                },
                "serve-drain"));
    drained.await();
    return ExitCode.OK;
  }
}
