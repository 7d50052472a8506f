package io.prescal.common.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a service's limits ({@code min}, {@code max}) and a fixed replica count are acceptable.
 * The one place this is decided: the proxy's configuration, its admin API, signed Redis commands
 * and the dashboard all call it, so an operator meets the same refusal, in the same words, whatever
 * the way in.
 *
 * <ul>
 *   <li>Limits: {@code min >= 0}; {@code min = 0} only with scale to zero; {@code max >= 1} and
 *       {@code >= min}; {@code max} at most the proxy-wide ceiling ({@link
 *       ScalingBounds#maxReplicas()}) less the backends the service keeps warm ({@link
 *       ScalingBounds#replicaCeiling()}): warm backends exist, and the ceiling bounds what exists.
 *   <li>A fixed count: never above that nor above {@code max}; below {@code min} (0 included) only
 *       with an explicit force flag, except 0 for a service that scales to zero.
 *   <li>A warm pool: from 0 to the ceiling less one, so that one replica fits beside it.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ReplicaRule {
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");

  /**
   * Whether {@code text}, a count as a person typed it (a form field, a query parameter), is a
   * whole number that fits an int. Surrounding blanks are ignored; "2.5", "abc", "1e3" and a number
   * too large for an int are not.
   *
   * @param key the setting, named in the refusal
   * @return why not, or empty when {@link Integer#parseInt} reads {@code text.strip()}
   */
  public static Optional<Refusal> wholeNumber(String key, String text) {
    String t = text == null ? "" : text.strip();
    String shown = t.isEmpty() ? "empty" : "\"" + abbreviated(t) + "\"";
    if (!WHOLE.matcher(t).matches()) {
      return Optional.of(new Refusal(key, shown, "a whole number, e.g. 2", false));
    }
    if (t.length() > 11 || Long.parseLong(t) != (int) Long.parseLong(t)) {
      return Optional.of(
          new Refusal(key, shown, "a whole number from 0 to " + Integer.MAX_VALUE, false));
    }
    return Optional.empty();
  }

  private static String abbreviated(String text) {
    return text.length() <= 24 ? text : text.substring(0, 21) + "...";
  }

  /**
   * The part of the limits rule that needs no service: {@code min >= 0}, {@code max >= 1} and
   * {@code max >= min}. A command record checks this much when it is built.
   *
   * @return every problem, in order; empty when there is none
   */
  public static List<Refusal> shape(int min, int max) {
    List<Refusal> problems = new ArrayList<>();
    if (min < 0) {
      problems.add(refused("min", min, ">= 0"));
    }
    if (max < Math.max(1, min)) {
      problems.add(refused("max", max, ">= 1 and >= min=" + min));
    }
    return problems;
  }

  /**
   * The part of the fixed-count rule that needs no service: {@code replicas >= 0}. A command record
   * checks this much when it is built.
   */
  public static Optional<Refusal> count(int replicas) {
    return replicas < 0 ? Optional.of(refused("replicas", replicas, ">= 0")) : Optional.empty();
  }

  /**
   * Every problem with limits for a service.
   *
   * @param scaleToZero whether the service scales to zero (then {@code min} may be 0)
   * @param bounds the proxy-wide bounds; null leaves the ceiling unchecked
   * @return every problem, in order; empty when the limits are acceptable
   */
  public static List<Refusal> limits(int min, int max, boolean scaleToZero, ScalingBounds bounds) {
    List<Refusal> problems = new ArrayList<>();
    if (min < 0) {
      problems.add(refused("min", min, ">= 0"));
    } else if (min == 0 && !scaleToZero) {
      problems.add(refused("min", min, ">= 1, or scaleToZero: true"));
    }
    if (max < Math.max(1, min)) {
      problems.add(refused("max", max, ">= 1 and >= min=" + min));
    } else if (bounds != null && max > bounds.replicaCeiling()) {
      problems.add(refused("max", max, aboveCeiling(bounds)));
    }
    return problems;
  }

  /**
   * Why a warm pool of {@code size} backends is refused, or empty when it is acceptable: from 0 to
   * the ceiling less one (the warm backends and at least one replica must fit under it).
   *
   * @param bounds the proxy-wide bounds of the service's provider
   */
  public static Optional<Refusal> warmPool(int size, ScalingBounds bounds) {
    if (size < 0) {
      return Optional.of(refused(ScalingBounds.WARM_POOL_KEY, size, ">= 0, 0 for none"));
    }
    if (size > bounds.maxReplicas() - 1) {
      return Optional.of(
          refused(
              ScalingBounds.WARM_POOL_KEY,
              size,
              "<= "
                  + (bounds.maxReplicas() - 1)
                  + ": "
                  + bounds.ceiling()
                  + " less 1 replica; raise "
                  + ScalingBounds.CEILING_KEY
                  + " in the proxy's file"));
    }
    return Optional.empty();
  }

  /**
   * Why fixing the count at {@code replicas} is refused, or empty when it is acceptable.
   *
   * @param force the operator's explicit consent to go below {@code min} (0 included)
   * @param limits the service's limits now
   */
  public static Optional<Refusal> fix(int replicas, boolean force, ReplicaLimits limits) {
    ScalingBounds bounds = limits.bounds();
    Optional<Refusal> negative = count(replicas);
    if (negative.isPresent()) {
      return negative;
    }
    if (bounds != null && replicas > bounds.replicaCeiling()) {
      return Optional.of(refused("replicas", replicas, aboveCeiling(bounds)));
    }
    if (replicas > limits.max()) {
      return Optional.of(
          refused("replicas", replicas, "<= max=" + limits.max() + "; raise max first"));
    }
    if (force) {
      return Optional.empty();
    }
    if (replicas == 0 && !limits.scaleToZero()) {
      return Optional.of(
          new Refusal(
              "replicas",
              "0",
              ">= 1, since the service does not scale to zero; force=true to stop every backend",
              true));
    }
    if (replicas > 0 && replicas < limits.min()) {
      return Optional.of(
          new Refusal(
              "replicas",
              Integer.toString(replicas),
              ">= min=" + limits.min() + "; lower min first, or force=true to go below it",
              true));
    }
    return Optional.empty();
  }

  /**
   * Several refusals as one answer, e.g. {@code min: 0 (expected: ...); max: 8 (expected: ...)}:
   * what a command refused by {@link #limits} is told.
   */
  public static String sentence(List<Refusal> refusals) {
    return String.join("; ", refusals.stream().map(Refusal::sentence).toList());
  }

  private static String aboveCeiling(ScalingBounds bounds) {
    if (bounds.warmPool() == 0) {
      return "<= "
          + bounds.ceiling()
          + "; raise "
          + ScalingBounds.CEILING_KEY
          + " in the proxy's file";
    }
    return "<= "
        + bounds.replicaCeiling()
        + ": "
        + bounds.ceiling()
        + " less "
        + ScalingBounds.WARM_POOL_KEY
        + " "
        + bounds.warmPool()
        + "; raise "
        + ScalingBounds.CEILING_KEY
        + " in the proxy's file or lower "
        + ScalingBounds.WARM_POOL_KEY;
  }

  private static Refusal refused(String key, long value, String expected) {
    return new Refusal(key, Long.toString(value), expected, false);
  }

  private ReplicaRule() {}
}
