package io.prescal.traffic.cli;

import io.prescal.traffic.engine.Target;
import io.prescal.traffic.targets.TargetsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where the requests go: URLs on the command line, or a targets file. Shared by load, capacity. */
final class TargetOptions {

  @Parameters(
      arity = "0..*",
      paramLabel = "URL",
      description = "http:// or https:// URLs, used in turn (or give --targets).")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--targets",
      paramLabel = "FILE",
      description = {
        "Requests from a file instead of URLs, vegeta's format: per request a line METHOD URL,"
            + " then header lines Name: value, then an optional @FILE line whose bytes are the body"
            + " (relative to the targets file); blank lines between requests, # starts a comment."
            + " Used in turn, like URLs."
      })
  Path targetsFile;

  @Option(
      names = "--max-targets",
      defaultValue = "10000",
      description = "The most requests a --targets file may hold (default: ${DEFAULT-VALUE}).")
  int maxTargets;

  @Option(
      names = "--max-target-bytes",
      defaultValue = "16m",
      converter = Converters.SizeConverter.class,
      description =
          "The most bytes a --targets file and the bodies it names may add up to (default:"
              + " ${DEFAULT-VALUE}; at most 64m). Each request is kept in memory, encoded once.")
  int maxTargetBytes;

  /** The targets: the URLs with the command line's request, or the file's requests. */
  List<Target> targets(RequestOptions request) {
    if (targetsFile == null) {
      if (urls.isEmpty()) {
        throw new UsageException(
            "no URL (expected: one or more http:// or https:// URLs, or --targets FILE)");
      }
      return request.targets(urls);
    }
    if (!urls.isEmpty()) {
      throw new UsageException(
          "--targets and URL "
              + urls.getFirst()
              + ": give one of them (put the URL in the targets file)");
    }
    String clash = request.perRequestOptionGiven();
    if (clash != null) {
      throw new UsageException(
          "--targets and "
              + clash
              + ": a targets file sets each request's method and body (drop "
              + clash
              + ")");
    }
    try {
      return TargetsFile.read(
          targetsFile,
          request.headers(),
          request.keepAlive,
          new TargetsFile.Limits(maxTargets, maxTargetBytes));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--targets: " + e.getMessage());
    }
  }
}
