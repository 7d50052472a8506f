package io.prescal.common.event;

import io.prescal.common.scaling.ReplicaRule;

/**
 * Fix the service's replica count; autoscaling stays off until {@link ResumeCommand}. What counts
 * are acceptable is {@link ReplicaRule#fix}'s to say: never above the service's max nor the proxy's
 * ceiling; below min (0 included) only when forced, except 0 for a service that scales to zero.
 *
 * @param replicas the replica count, 0 or more
 * @param issuer who sent it
 * @param force true when the operator explicitly allowed a count below the service's min; absent
 *     (null) otherwise. Schema 1.1; false is written as absent, so an unforced command reads and
 *     signs exactly as in 1.0
 */
public record ScaleCommand(int replicas, String issuer, Boolean force) implements Command {
  public ScaleCommand {
    ReplicaRule.count(replicas)
        .ifPresent(
            refusal -> {
              throw new IllegalArgumentException(refusal.sentence());
            });
    Require.text(issuer, "issuer");
    force = Boolean.TRUE.equals(force) ? Boolean.TRUE : null;
  }

  /** An unforced command: the count must lie within the service's limits. */
  public ScaleCommand(int replicas, String issuer) {
    this(replicas, issuer, null);
  }

  /** Whether the operator allowed a count below the service's min. */
  public boolean forced() {
    return force != null;
  }

  @Override
  public String describe() {
    return "scale to " + replicas + (forced() ? " (forced)" : "");
  }
}
