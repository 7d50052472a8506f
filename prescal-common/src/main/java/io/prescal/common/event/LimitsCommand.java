package io.prescal.common.event;

import io.prescal.common.scaling.Refusal;
import io.prescal.common.scaling.ReplicaRule;
import java.util.List;

/**
 * Set the autoscaler's minimum and maximum replica counts. The record checks what needs no service
 * ({@link ReplicaRule#shape}); the proxy checks the rest against the service ({@link
 * ReplicaRule#limits}: scale to zero, the ceiling).
 *
 * @param min minimum, 0 or more
 * @param max maximum, at least {@code min} and at least 1
 * @param issuer who sent it
 */
public record LimitsCommand(int min, int max, String issuer) implements Command {
  public LimitsCommand {
    List<Refusal> problems = ReplicaRule.shape(min, max);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.getFirst().sentence());
    }
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "limits min=" + min + " max=" + max;
  }
}
