package io.prescal.traffic.cli;

import io.prescal.traffic.report.Slo;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that decide a run's exit code: the objective ({@code --slo}, exit 2 when breached)
 * and the generator's own limit ({@code --max-lag}, exit 3 when over it). Shared by {@code load}
 * and {@code capacity}.
 */
final class ObjectiveOptions {

  @Option(
      names = "--slo",
      paramLabel = "OBJECTIVE",
      description = {
        "Objective, conditions that must all hold, e.g. \"p99<50ms, p99.9<200ms, errors<1%%,"
            + " rate>=1000\": pNN, max, mean (durations), errors (%% or a count), rate (per"
            + " second); latencies from the intended send time."
      })
  String slo;

  @Option(
      names = "--max-lag",
      defaultValue = "5ms",
      converter = Converters.DurationConverter.class,
      description =
          "Open model: schedule lag p99 over which the generator itself was the bottleneck and"
              + " the run is not valid (exit 3; default: ${DEFAULT-VALUE}).")
  Duration maxLag;

  /** The objective, or null when none was given. */
  Slo objective() {
    if (slo == null) {
      return null;
    }
    try {
      return Slo.parse(slo);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--slo: " + e.getMessage());
    }
  }

  /** The objective, which {@code command} cannot do without. */
  Slo requiredObjective(String command) {
    Slo objective = objective();
    if (objective == null) {
      throw new UsageException(
          "--slo: "
              + command
              + " needs an objective to search against (e.g. --slo \"p99<50ms, errors<1%\")");
    }
    return objective;
  }

  /** {@code --max-lag} in microseconds, as the run checks it. */
  long maxLagMicros() {
    return maxLag.toNanos() / 1000;
  }
}
