package io.prescal.testing;

import io.prescal.common.scaling.ReplicaLimits;
import io.prescal.common.scaling.ScalingBounds;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a tired operator or an attacker sends to set a service's replicas, and what every path (the
 * proxy's file, its admin API, signed Redis commands, the dashboard) must answer: the same sentence
 * from {@link io.prescal.common.scaling.ReplicaRule}. Each path's test runs every case.
 *
 * <p>The service is {@link #SERVICE}: a process service with {@code min: 2}, {@code max: 4}, no
 * scale to zero, under a proxy whose {@code scaling.maxReplicas} is {@value #CEILING}.
 */
public final class ReplicaAttacks {

  /** The service every case is aimed at. */
  public static final String SERVICE = "web";

  /** The ceiling of the proxy under test ({@code scaling.maxReplicas}). */
  public static final int CEILING = 6;

  /** The service's limits before any case. */
  public static final ReplicaLimits LIMITS =
      new ReplicaLimits(2, 4, false, new ScalingBounds("process", CEILING, 2, 64L << 20));

  private static final String ABOVE_CEILING =
      " (expected: <= ceiling 6 for the process provider; raise scaling.maxReplicas in the"
          + " proxy's file)";

  /**
   * A {@code command.limits} to try.
   *
   * @param min the min sent
   * @param max the max sent
   * @param refusal the sentence every path must refuse it with, or null when it is accepted
   * @param shape true when the refusal needs no service (the command record refuses it, so admin
   *     answers 400 and Redis readers see it as malformed)
   */
  public record Limits(int min, int max, String refusal, boolean shape) {
    @Override
    public String toString() {
      return "limits min=" + min + " max=" + max;
    }
  }

  /**
   * A {@code command.scale} to try.
   *
   * @param replicas the count sent
   * @param force the force flag sent
   * @param refusal the sentence every path must refuse it with, or null when it is accepted
   * @param forceable whether the refusal asks for the force flag
   */
  public record Fix(int replicas, boolean force, String refusal, boolean forceable) {
    @Override
    public String toString() {
      return "fix " + replicas + (force ? " forced" : "");
    }
  }

  /** A count typed as text that is not a whole number, and the refusal for the key "max". */
  public record Typed(String text, String refusal) {
    @Override
    public String toString() {
      return "typed \"" + text + "\"";
    }
  }

  /** Limits to try, accepted ones last. */
  public static List<Limits> limits() {
    return List.of(
        new Limits(1, 0, "max: 0 (expected: >= 1 and >= min=1)", true),
        new Limits(-1, 3, "min: -1 (expected: >= 0)", true),
        new Limits(5, 3, "max: 3 (expected: >= 1 and >= min=5)", true),
        new Limits(0, 3, "min: 0 (expected: >= 1, or scaleToZero: true)", false),
        new Limits(1, 1000, "max: 1000" + ABOVE_CEILING, false),
        new Limits(1, 1_000_000, "max: 1000000" + ABOVE_CEILING, false),
        new Limits(2, CEILING + 1, "max: 7" + ABOVE_CEILING, false),
        new Limits(1, CEILING, null, false));
  }

  /** Fixed counts to try, against {@link #LIMITS}; accepted ones last. */
  public static List<Fix> fixes() {
    return List.of(
        new Fix(
            0,
            false,
            "replicas: 0 (expected: >= 1, since the service does not scale to zero; force=true to"
                + " stop every backend)",
            true),
        new Fix(
            1,
            false,
            "replicas: 1 (expected: >= min=2; lower min first, or force=true to go below it)",
            true),
        new Fix(5, false, "replicas: 5 (expected: <= max=4; raise max first)", false),
        new Fix(5, true, "replicas: 5 (expected: <= max=4; raise max first)", false),
        new Fix(7, true, "replicas: 7" + ABOVE_CEILING, false),
        new Fix(500, false, "replicas: 500" + ABOVE_CEILING, false),
        new Fix(1_000_000, false, "replicas: 1000000" + ABOVE_CEILING, false),
        new Fix(3, false, null, false),
        new Fix(1, true, null, false),
        new Fix(0, true, null, false));
  }

  /** Text that is not a count, as typed into a field or a query parameter for "max". */
  public static List<Typed> typed() {
    return Stream.of("2.5", "abc", "", "1e3", "99999999999")
        .map(
            t ->
                new Typed(
                    t,
                    "max: "
                        + (t.isEmpty() ? "empty" : "\"" + t + "\"")
                        + " (expected: "
                        + (t.equals("99999999999")
                            ? "a whole number from 0 to 2147483647"
                            : "a whole number, e.g. 2")
                        + ")"))
        .toList();
  }

  private ReplicaAttacks() {}
}
