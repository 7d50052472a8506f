package io.prescal.common.event;

/**
 * Set the autoscaler's minimum and maximum replica counts.
 *
 * @param min minimum, 0 or more
 * @param max maximum, at least {@code min} and at least 1
 * @param issuer who sent it
 */
public record LimitsCommand(int min, int max, String issuer) implements Command {
  public LimitsCommand {
    Require.nonNegative(min, "min");
    if (max < Math.max(1, min)) {
      throw new IllegalArgumentException(
          "max: " + max + " (expected: >= 1 and >= min=" + min + ")");
    }
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "limits min=" + min + " max=" + max;
  }
}
