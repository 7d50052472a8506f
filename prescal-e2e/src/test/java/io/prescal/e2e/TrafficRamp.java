package io.prescal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A prescal-traffic ramp through the proxy, run as users run it ({@code java -jar
 * prescal-traffic.jar load ...}), with the autoscaler's events on its timeline and the full summary
 * as JSON.
 */
final class TrafficRamp {

  /** Up from a trickle, held, back down, then a trickle long enough for the scale-in. */
  static final String PROFILE =
      "hold 5/s 10s, ramp 5-120/s 20s, hold 120/s 30s, ramp 120-5/s 10s, hold 5/s 50s";

  private TrafficRamp() {}

  /**
   * Runs the ramp to completion and returns the JSON summary.
   *
   * @param url where to send (the proxy, on loopback)
   * @param redisUri Redis for {@code --events}
   * @param work a directory for the outputs
   */
  static JsonNode run(String url, String redisUri, Path work)
      throws IOException, InterruptedException {
    Path json = work.resolve("ramp.json");
    Path log = work.resolve("ramp.log");
    List<String> command = new ArrayList<>();
    command.add(Jars.java());
    command.add("-jar");
    command.add(Jars.of("prescal-traffic").toString());
    command.addAll(
        List.of(
            "load",
            "--profile",
            PROFILE,
            "--timeout",
            "30s",
            "--max-lag",
            "1s",
            "--events",
            redisUri,
            "--json",
            json.toString(),
            url));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the ramp did not end within 5 minutes; log: " + log);
    }
    if (!Files.exists(json)) {
      throw new IllegalStateException(
          "the ramp wrote no summary (exit " + process.exitValue() + "): " + Files.readString(log));
    }
    return JsonMapper.builder().build().readTree(json.toFile());
  }
}
