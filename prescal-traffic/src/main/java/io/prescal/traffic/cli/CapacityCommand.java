package io.prescal.traffic.cli;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.engine.LoadPlan;
import io.prescal.traffic.engine.Target;
import io.prescal.traffic.engine.Wire;
import io.prescal.traffic.net.Transport;
import io.prescal.traffic.plan.DurationText;
import io.prescal.traffic.plan.RateProfile;
import io.prescal.traffic.report.Slo;
import io.prescal.traffic.run.CapacitySearch;
import io.prescal.traffic.run.LoadDriver;
import io.prescal.traffic.run.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code capacity URL --slo ...}: the highest rate that still meets the objective. */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Steps an open-model rate up until the objective is breached, bisects, and reports the"
          + " highest rate that met it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a rate met the objective (the capacity is reported)",
      "1:failure",
      "2:not even the first rate met the objective",
      "3:the generator could not keep up before the objective was breached",
      "64:bad usage"
    })
final class CapacityCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "URL",
      description = "http:// or https:// URLs, used in turn.")
  List<String> urls;

  @Option(
      names = "--slo",
      required = true,
      description = "Objective, e.g. \"p99<50ms, errors<1%%\".")
  String slo;

  @Option(
      names = "--start",
      defaultValue = "100",
      converter = Converters.RateConverter.class,
      description = "First rate (default: ${DEFAULT-VALUE}/s).")
  double start;

  @Option(
      names = "--factor",
      defaultValue = "2",
      description = "Multiply the rate by this between steps (default: ${DEFAULT-VALUE}).")
  double factor;

  @Option(
      names = "--step",
      converter = Converters.RateConverter.class,
      description = "Add this rate between steps instead of multiplying, e.g. 500/s.")
  Double step;

  @Option(
      names = "--max-rate",
      defaultValue = "1000000",
      converter = Converters.RateConverter.class,
      description = "Highest rate to try (default: ${DEFAULT-VALUE}/s).")
  double maxRate;

  @Option(
      names = "--refine",
      defaultValue = "3",
      description = "Bisection rounds after the first breach (default: ${DEFAULT-VALUE}).")
  int refine;

  @Option(
      names = "--step-duration",
      defaultValue = "10s",
      converter = Converters.DurationConverter.class,
      description = "Measured length of each step (default: ${DEFAULT-VALUE}).")
  Duration stepDuration;

  @Option(
      names = "--warmup",
      defaultValue = "2s",
      converter = Converters.DurationConverter.class,
      description = "Warm-up before each step (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write every trial and the answer as JSON.")
  Path json;

  @Option(
      names = "--max-lag",
      defaultValue = "5ms",
      converter = Converters.DurationConverter.class,
      description = "Schedule lag p99 over which a step is not valid (default: ${DEFAULT-VALUE}).")
  Duration maxLag;

  @Mixin RequestOptions request;

  @Override
  public Integer call() throws Exception {
    Slo objective = LoadCommand.parseSlo(slo);
    if (factor <= 1 && step == null) {
      throw new UsageException("--factor: " + factor + " (expected: > 1, or give --step)");
    }
    List<Target> targets = request.targets(urls);
    Wire wire = request.wire(targets);
    LoadPlan base;
    try {
      base =
          new LoadPlan(
              targets,
              request.threads,
              request.connections,
              request.maxConnections,
              RateProfile.constant(start),
              stepDuration,
              0,
              warmup,
              request.connectTimeout,
              request.requestTimeout,
              request.backendHeaderOrNull(),
              Transport.best(),
              wire);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Progress quiet = new Progress(spec.commandLine().getErr(), false, true);
    CapacitySearch search =
        new CapacitySearch(
            new LoadDriver(quiet, null, null, maxLag.toNanos() / 1000),
            objective,
            new CapacitySearch.Settings(
                start, factor, step == null ? 0 : step, maxRate, refine, stepDuration, warmup));
    CapacitySearch.Result result = search.search(base, t -> trialLine(out, t));
    out.println(summary(result));
    out.flush();
    if (json != null) {
      Files.writeString(
          json,
          JsonMapper.builder()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .build()
              .writeValueAsString(result));
    }
    if (result.capacity() == 0) {
      return result.limitedByGenerator() ? ExitCode.INVALID_RUN : ExitCode.SLO_BREACHED;
    }
    return result.limitedByGenerator() ? ExitCode.INVALID_RUN : ExitCode.OK;
  }

  private static void trialLine(PrintWriter out, CapacitySearch.Trial t) {
    out.printf(
        Locale.ROOT,
        "  %10.0f req/s: achieved %10.1f/s  p99 %-9s errors %6.2f%%  %s%n",
        t.rate(),
        t.achieved(),
        DurationText.format(t.p99Micros()),
        100 * t.errorRate(),
        !t.valid() ? "NOT VALID (generator could not keep up)" : t.met() ? "meets" : "breaches");
    out.flush();
  }

  private static String summary(CapacitySearch.Result r) {
    if (r.capacity() == 0) {
      return "capacity: no rate tried met \""
          + r.slo()
          + "\""
          + (r.limitedByGenerator() ? " (generator could not keep up)" : "");
    }
    return String.format(
        Locale.ROOT,
        "capacity: %.0f req/s meets \"%s\"%s",
        r.capacity(),
        r.slo(),
        r.limitedByGenerator()
            ? " (search stopped: the generator could not go faster; the real capacity may be higher)"
            : "");
  }
}
