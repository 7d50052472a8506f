package io.prescal.traffic.cli;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.engine.LoadPlan;
import io.prescal.traffic.engine.Target;
import io.prescal.traffic.engine.Wire;
import io.prescal.traffic.events.EventWatcher;
import io.prescal.traffic.net.Transport;
import io.prescal.traffic.plan.ProfileFile;
import io.prescal.traffic.plan.ProfileText;
import io.prescal.traffic.plan.RateProfile;
import io.prescal.traffic.report.RunResult;
import io.prescal.traffic.report.Slo;
import io.prescal.traffic.report.TextReport;
import io.prescal.traffic.run.LoadDriver;
import io.prescal.traffic.run.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code load URL...}: sends load, closed model by default, open model with a rate or profile. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends HTTP/1.1 or HTTP/2 (--http2) load to one or more http:// or https:// URLs and"
          + " reports latency, statuses and errors.",
      "Closed model (default): -c connections, each sending as fast as responses return.",
      "Open model (--rate, --profile, --profile-file): requests leave at planned times; latency is"
          + " timed from the intended send time (no coordinated omission)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:failure (no response at all, output not written)",
      "2:--slo breached",
      "3:run not valid (generator was the bottleneck)",
      "64:bad usage"
    })
final class LoadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "URL",
      description = "http:// or https:// URLs, used in turn.")
  List<String> urls;

  @Option(
      names = {"-d", "--duration"},
      converter = Converters.DurationConverter.class,
      description =
          "How long to send after warm-up, e.g. 30s (default: 10s unless -n or a profile).")
  Duration duration;

  @Option(
      names = {"-n", "--requests"},
      description = "Send exactly this many measured requests, then stop.")
  long requests;

  @Option(
      names = "--rate",
      converter = Converters.RateConverter.class,
      description = "Open model at a constant rate, e.g. 2000 or 2000/s.")
  Double rate;

  @Option(
      names = "--profile",
      description =
          "Open model profile, e.g. \"ramp 0-2000/s 60s, hold 2000/s 2m, spike 5000/s 10s\".")
  String profile;

  @Option(names = "--profile-file", description = "Open model profile from a YAML file.")
  Path profileFile;

  @Option(
      names = "--warmup",
      defaultValue = "0s",
      converter = Converters.DurationConverter.class,
      description = "Load sent before measuring, counted in no figure (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--slo",
      description = "Objective, e.g. \"p99<50ms, errors<1%%\"; exit 2 when breached.")
  String slo;

  @Option(
      names = "--events",
      paramLabel = "redis://HOST:PORT",
      description = "Subscribe to Prescal's events and put scale events on the timeline.")
  String events;

  @Mixin RequestOptions request;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Slo objective = parseSlo(slo);
    LoadPlan plan = plan();
    output.checkWritable();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, Progress.stderrIsTerminal(), output.quiet);
    try (EventWatcher watcher = events == null ? null : subscribe(events)) {
      LoadDriver driver =
          new LoadDriver(progress, watcher, output.hdrLog, output.maxLag.toNanos() / 1000);
      RunResult result = driver.run(plan, objective);
      TextReport.write(result, out);
      output.write(result);
      return exitCode(result);
    }
  }

  static Slo parseSlo(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Slo.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--slo: " + e.getMessage());
    }
  }

  static EventWatcher subscribe(String uri) {
    try {
      return EventWatcher.subscribe(uri);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The exit code of a finished run: no response 1, not valid 3, objective breached 2, else 0. */
  static int exitCode(RunResult r) {
    if (r.completed() == 0 && r.requests() > 0) {
      return ExitCode.FAILURE;
    }
    if (r.schedule() != null && !r.schedule().valid()) {
      return ExitCode.INVALID_RUN;
    }
    if (r.slo() != null && !r.slo().met()) {
      return ExitCode.SLO_BREACHED;
    }
    return ExitCode.OK;
  }

  private LoadPlan plan() {
    RateProfile rateProfile = profile();
    Duration d = duration;
    if (d == null && requests == 0 && rateProfile == null) {
      d = Duration.ofSeconds(10);
    }
    if (requests < 0) {
      throw new UsageException("--requests: " + requests + " (expected: > 0)");
    }
    List<Target> targets = request.targets(urls);
    Wire wire = request.wire(targets);
    try {
      return new LoadPlan(
          targets,
          request.threads,
          request.connections,
          request.maxConnections,
          rateProfile,
          d,
          requests,
          warmup,
          request.connectTimeout,
          request.requestTimeout,
          request.backendHeaderOrNull(),
          Transport.best(),
          wire);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private RateProfile profile() {
    int given = (rate != null ? 1 : 0) + (profile != null ? 1 : 0) + (profileFile != null ? 1 : 0);
    if (given > 1) {
      throw new UsageException("--rate, --profile and --profile-file: give at most one of them");
    }
    try {
      if (rate != null) {
        return RateProfile.constant(rate);
      }
      if (profile != null) {
        return ProfileText.parse(profile);
      }
      if (profileFile != null) {
        return ProfileFile.read(profileFile);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          (profile != null ? "--profile: " : "--profile-file: ") + e.getMessage());
    }
    return null;
  }
}
