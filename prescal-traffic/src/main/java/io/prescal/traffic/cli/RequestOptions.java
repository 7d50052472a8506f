package io.prescal.traffic.cli;

import io.prescal.traffic.engine.RequestSpec;
import io.prescal.traffic.engine.Target;
import io.prescal.traffic.engine.Wire;
import io.prescal.traffic.net.ClientTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What to send and how to connect: shared by {@code load} and {@code capacity}. */
final class RequestOptions {

  @Option(
      names = {"-t", "--threads"},
      defaultValue = "1",
      description = "Event loops sending requests (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = {"-c", "--connections"},
      defaultValue = "50",
      description =
          "Closed model: connections kept busy. Open model: connections opened up front"
              + " (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--max-connections",
      defaultValue = "1000",
      description = "Open model: the most connections to open (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = {"-m", "--method"},
      defaultValue = "GET",
      description = "HTTP method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = {"-H", "--header"},
      description = "A request header, \"Name: value\" (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--body", description = "The request body.")
  String body;

  @Option(names = "--body-file", description = "Read the request body from this file.")
  Path bodyFile;

  @Option(
      names = "--connect-timeout",
      defaultValue = "5s",
      converter = Converters.DurationConverter.class,
      description = "Longest wait for a connection (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = Converters.DurationConverter.class,
      description = "Longest wait for a complete response (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(
      names = "--keep-alive",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Reuse connections (default: on); --no-keep-alive opens one per request.")
  boolean keepAlive;

  @Option(
      names = "--http2",
      description =
          "HTTP/2: h2 over TLS (ALPN) for https:// URLs, h2c with prior knowledge for http:// ones.")
  boolean http2;

  @Option(
      names = {"--streams", "--max-concurrent-streams"},
      defaultValue = "1",
      description =
          "HTTP/2: requests in flight on each connection, as h2load's -m (default:"
              + " ${DEFAULT-VALUE}; at most 1000, and never more than the server allows).")
  int streams;

  @Option(
      names = {"-k", "--insecure"},
      description = "https: accept any certificate and host name (self-signed test servers).")
  boolean insecure;

  @Option(
      names = "--cacert",
      paramLabel = "FILE",
      description =
          "https: trust the CA certificates in this PEM file instead of the JDK's default ones.")
  Path caCert;

  @Option(
      names = "--backend-header",
      defaultValue = "X-Prescal-Backend",
      description =
          "Response header naming the backend, for per-backend figures (default: ${DEFAULT-VALUE};"
              + " empty to turn off).")
  String backendHeader;

  /** The targets of {@code urls} with this request. */
  List<Target> targets(List<String> urls) {
    RequestSpec spec = spec();
    List<Target> out = new ArrayList<>();
    for (String url : urls) {
      try {
        out.add(Target.of(url, spec));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return out;
  }

  private RequestSpec spec() {
    if (body != null && bodyFile != null) {
      throw new UsageException("--body and --body-file: give one of them, not both");
    }
    byte[] bytes = new byte[0];
    if (body != null) {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    } else if (bodyFile != null) {
      try {
        bytes = Files.readAllBytes(bodyFile);
      } catch (IOException e) {
        throw new UsageException(
            "--body-file: cannot read " + bodyFile + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    List<RequestSpec.Header> parsed = new ArrayList<>();
    for (String h : headers) {
      try {
        parsed.add(RequestSpec.Header.parse(h));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--header: " + e.getMessage());
      }
    }
    if (!method.matches("[A-Za-z]+")) {
      throw new UsageException(
          "--method: \"" + method + "\" is not an HTTP method (e.g. GET, POST)");
    }
    return new RequestSpec(method, parsed, bytes, keepAlive);
  }

  /** How requests travel to {@code targets}: protocol, streams, and TLS when one is https. */
  Wire wire(List<Target> targets) {
    try {
      if (streams > 1 && !keepAlive) {
        throw new IllegalArgumentException(
            "--streams: "
                + streams
                + " with --no-keep-alive: a connection carries one request then, give --streams 1");
      }
      boolean https = targets.stream().anyMatch(Target::tls);
      ClientTls tls = https ? ClientTls.of(insecure, caCert, http2, connectTimeout) : null;
      return new Wire(http2, streams, tls);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  String backendHeaderOrNull() {
    return backendHeader == null || backendHeader.isBlank() ? null : backendHeader;
  }
}
